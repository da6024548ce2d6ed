"""The desktop window: Qt widgets, models and actions over the ``Library`` service."""
