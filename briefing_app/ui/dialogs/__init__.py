"""Dialogs and message boxes: choices, backups, shortcuts, import and export."""
