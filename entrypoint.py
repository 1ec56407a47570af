"""The container's entry point: reads the runner's environment and runs the action."""

from jobs_action.main import main

if __name__ == "__main__":
    raise SystemExit(main())
