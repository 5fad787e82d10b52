"""The bundle's crm-desktop executable (installer/crm.spec): the desktop application, or its --self-test. On Linux the
bundle's `crm` is a link to this executable, and started by that name it is the command line."""
import sys
from pathlib import Path

if Path(sys.argv[0]).stem == "crm":
    from app.cli import main
else:
    from ui.main import main

sys.exit(main())
