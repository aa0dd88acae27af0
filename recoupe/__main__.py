from recoupe.checker.cli import main

raise SystemExit(main())
