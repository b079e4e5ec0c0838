"""`python cli.py …` runs the `l10n` command from a checkout, without installing it."""

from l10n.cli import main

if __name__ == "__main__":
    main(prog_name="l10n")
