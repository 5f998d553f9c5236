from jingpin_cli.cli import main

main()
