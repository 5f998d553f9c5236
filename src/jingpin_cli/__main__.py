from jingpin_cli.cli import main

if __name__ == "__main__":  # not when a worker process (records.parallel) re-imports it under spawn
    main()
