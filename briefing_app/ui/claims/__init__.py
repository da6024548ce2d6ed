"""The claims list: model, view, painting, its controller and the analyst's edits."""
