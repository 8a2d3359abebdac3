"""``python -m tb_plugin``: see :mod:`tb_plugin.cli`."""

import sys

from tb_plugin.cli import main

if __name__ == "__main__":
    sys.exit(main())
