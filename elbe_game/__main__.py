from elbe_game.cli import main

raise SystemExit(main())
