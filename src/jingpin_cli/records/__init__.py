"""Community records: a data folder ──readers──▶ Records (one typed DataFrame plus where every value
came from). load.py is the entry (`load_records`); csv_text/tables/grid/header_band/xlsx_sheets read
tables, yaml_records reads YAML records, headers matches headers to fields, values types the cells,
limits bounds what a file may cost, parallel reads many files in worker processes, surveys and
survey_rates turn raw survey answers into rates, self_check compares 自评 with 核查 columns, query
finds a community by id or name. May import text, errors, arrays, safe_yaml, rules and standard."""
