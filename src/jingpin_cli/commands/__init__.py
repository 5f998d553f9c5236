"""One thin module per command: parse options, call one library function, render through the
format registry, write (output.py: atomically, never over an input) and map the result to an exit
code. cli.py registers them. Commands import the library inside their function, so that
`jingpin --help` imports neither pandas nor pydantic."""
