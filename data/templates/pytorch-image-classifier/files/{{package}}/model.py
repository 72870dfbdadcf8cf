"""A small convolutional network for 32x32 RGB images (milestone 2 of the practice project)."""
from typing import Sequence

import torch
from torch import nn

# Output channels of each conv block. Every block halves the spatial size (32 -> 16 -> 8 -> 4).
# Add a fourth entry (e.g. 256) to get a fourth conv layer: the classifier adapts by itself.
DEFAULT_CHANNELS = (32, 64, 128)


def conv_block(in_channels: int, out_channels: int) -> nn.Sequential:
    """conv 3x3 -> batch norm -> ReLU -> 2x2 max pool."""
    return nn.Sequential(
        nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1, bias=False),
        nn.BatchNorm2d(out_channels),
        nn.ReLU(inplace=True),
        nn.MaxPool2d(kernel_size=2),
    )


class SimpleCNN(nn.Module):
    def __init__(
        self,
        num_classes: int = 10,
        channels: Sequence[int] = DEFAULT_CHANNELS,
        image_size: int = 32,
        hidden: int = 256,
        dropout: float = 0.3,
    ):
        super().__init__()
        if image_size % (2 ** len(channels)) != 0:
            raise ValueError(f"{len(channels)} pooling steps do not divide image size {image_size}")
        blocks = []
        in_channels = 3
        for out_channels in channels:
            blocks.append(conv_block(in_channels, out_channels))
            in_channels = out_channels
        self.features = nn.Sequential(*blocks)
        spatial = image_size // (2 ** len(channels))
        self.classifier = nn.Sequential(
            nn.Flatten(),
            nn.Linear(in_channels * spatial * spatial, hidden),
            nn.ReLU(inplace=True),
            nn.Dropout(dropout),
            nn.Linear(hidden, num_classes),
        )
        self.num_conv_layers = len(channels)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # x: (batch, 3, H, W) -> logits: (batch, num_classes). No softmax: CrossEntropyLoss expects logits.
        return self.classifier(self.features(x))


def count_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
