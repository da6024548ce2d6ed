"""Reports that need Qt: the PDF report, and choosing what an export holds."""
