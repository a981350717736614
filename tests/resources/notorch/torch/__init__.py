"""Stands for a machine without PyTorch: importing it fails as a missing package does."""
raise ImportError("No module named 'torch'")
