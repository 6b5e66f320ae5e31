"""lmech.verify: theory against simulation, statistics, strategies, reports and the CLI."""
