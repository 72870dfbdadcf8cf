"""A plain MLP: the point of this project is the distributed machinery around it."""
import torch
from torch import nn


class MLP(nn.Module):
    def __init__(self, in_dim: int = 32, hidden: int = 128, num_classes: int = 4, depth: int = 3, dropout: float = 0.0):
        super().__init__()
        layers, d = [], in_dim
        for _ in range(depth - 1):
            layers += [nn.Linear(d, hidden), nn.LayerNorm(hidden), nn.GELU(), nn.Dropout(dropout)]
            d = hidden
        layers.append(nn.Linear(d, num_classes))
        self.net = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)
