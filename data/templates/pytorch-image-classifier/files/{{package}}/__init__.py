"""CIFAR-10 image classifier starter: data, model, training loop and evaluation report."""
