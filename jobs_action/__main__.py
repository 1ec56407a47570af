from jobs_action.cli import main

raise SystemExit(main())
