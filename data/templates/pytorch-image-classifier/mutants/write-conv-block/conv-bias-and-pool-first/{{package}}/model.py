"""A small convolutional network for 32x32 RGB images (step 2 of the practice project)."""
from typing import Sequence, Tuple

import torch
from torch import nn

# Output channels of each conv block. Every block halves the spatial size (32 -> 16 -> 8 -> 4).
# Add a fourth entry (e.g. 256), or pass --channels 32 64 128 256, to get a fourth conv layer:
# the classifier head sizes itself from the number of blocks.
DEFAULT_CHANNELS = (32, 64, 128)

FALLBACK_MODEL = "fallback: linear baseline (conv_block not written yet)"


def conv_block(in_channels: int, out_channels: int) -> nn.Module:
    """One feature-extraction block: 3x3 convolution -> batch norm -> ReLU -> 2x2 max pool.

    Input ``(batch, in_channels, H, W)``, output ``(batch, out_channels, H // 2, W // 2)``:
    the convolution keeps the spatial size (padding), the pooling halves it. Batch norm sits
    right after the convolution (so the convolution needs no bias of its own), and the
    activation is a ReLU, so every output value is >= 0.
    """
    return nn.Sequential(
        nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1, bias=True),
        nn.BatchNorm2d(out_channels),
        nn.MaxPool2d(kernel_size=2),
        nn.ReLU(inplace=True),
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


class LinearBaseline(nn.Module):
    """The fallback while ``conv_block`` is a stub: one linear layer on the raw pixels.

    No convolutions, so it cannot exploit that neighbouring pixels belong together; on
    CIFAR-10 it stays around 40% test accuracy. Your CNN should beat it clearly.
    """

    def __init__(self, num_classes: int = 10, image_size: int = 32):
        super().__init__()
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(3 * image_size * image_size, num_classes))
        self.num_conv_layers = 0

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(x)


def build_model(num_classes: int = 10, channels: Sequence[int] = DEFAULT_CHANNELS) -> Tuple[nn.Module, str]:
    """``(model, model_source)``: the CNN, or the linear baseline while ``conv_block`` is a stub."""
    try:
        return SimpleCNN(num_classes=num_classes, channels=channels), "simple_cnn"
    except NotImplementedError:
        return LinearBaseline(num_classes=num_classes), FALLBACK_MODEL


def count_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
