"""The topic screen: sidebar, study pane, plot, parameters and results for one topic at a time."""
