"""Allow ``python -m paperweek``."""

from paperweek.cli import main

if __name__ == "__main__":
    main()
