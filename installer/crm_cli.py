"""The bundle's crm executable (installer/crm.spec): the command line."""
import sys

from app.cli import main

sys.exit(main())
