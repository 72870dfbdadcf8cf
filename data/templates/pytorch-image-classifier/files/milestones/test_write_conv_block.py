"""Exercise write-conv-block: 3x3 conv -> batch norm -> ReLU -> 2x2 max pool, and a CNN that learns.

Run: python -m pytest milestones/test_write_conv_block.py
"""
import torch
from torch import nn

from {{package}}.model import SimpleCNN, conv_block


def _block(in_channels, out_channels):
    block = conv_block(in_channels, out_channels)
    assert isinstance(block, nn.Module), f"conv_block must return an nn.Module, got {type(block).__name__}"
    return block


def test_block_halves_the_spatial_size_and_sets_the_channels():
    torch.manual_seed(0)
    for (c_in, c_out, h, w) in [(3, 16, 32, 32), (5, 7, 8, 6), (16, 32, 4, 4)]:
        out = _block(c_in, c_out)(torch.randn(2, c_in, h, w))
        assert out.shape == (2, c_out, h // 2, w // 2), (
            f"conv_block({c_in}, {c_out}) on (2, {c_in}, {h}, {w}) gave {tuple(out.shape)}, "
            f"expected (2, {c_out}, {h // 2}, {w // 2}): pad the 3x3 conv by 1, pool by 2"
        )


def test_relu_output_is_non_negative_and_gradients_flow():
    torch.manual_seed(0)
    x = torch.randn(4, 3, 16, 16, requires_grad=True)
    out = _block(3, 8)(x)
    assert float(out.min()) >= 0.0, "a ReLU before the pooling makes every output >= 0"
    assert float(out.max()) > 0.0
    out.sum().backward()
    assert x.grad is not None and float(x.grad.abs().sum()) > 0, "gradients must reach the input"


def test_three_by_three_kernel_and_batch_norm():
    torch.manual_seed(0)
    block = _block(4, 6)
    n_params = sum(p.numel() for p in block.parameters() if p.requires_grad)
    assert 4 * 6 * 9 + 2 * 6 <= n_params <= 4 * 6 * 9 + 3 * 6, (
        f"{n_params} trainable parameters: expected a 3x3 convolution (4*6*9 weights) and batch norm (2*6)"
    )
    block.train()
    x = torch.randn(8, 4, 8, 8)
    # Batch norm right after the convolution makes the block blind to the scale of its input.
    a, b = block(x), block(10.0 * x)
    assert torch.allclose(a, b, atol=1e-3), "batch norm should follow the convolution (normalising its output)"


def _only(block, kind):
    found = [m for m in block.modules() if isinstance(m, kind)]
    assert len(found) == 1, f"expected exactly one {kind.__name__} in the block, found {len(found)}"
    return found[0]


def test_the_block_computes_max_pool_of_relu_of_batch_norm_of_the_convolution():
    """The block's output, recomputed from its own convolution and batch norm: this is what
    tells max pooling from average pooling, and a stride-2 convolution from pooling."""
    torch.manual_seed(0)
    for (c_in, c_out, h, w) in [(3, 8, 8, 8), (5, 4, 6, 10)]:
        block = _block(c_in, c_out)
        conv, bn = _only(block, nn.Conv2d), _only(block, nn.BatchNorm2d)
        with torch.no_grad():  # a non-trivial batch norm, so that its place matters
            bn.running_mean.uniform_(-0.5, 0.5)
            bn.running_var.uniform_(0.5, 2.0)
            bn.weight.uniform_(0.5, 1.5)
            bn.bias.uniform_(-0.5, 0.5)
        block.eval()
        x = torch.randn(2, c_in, h, w)
        with torch.no_grad():
            got = block(x)
            features = torch.relu(bn(conv(x)))
            want = nn.functional.max_pool2d(features, 2)
            avg = nn.functional.avg_pool2d(features, 2)
        assert got.shape == want.shape, f"output shape {tuple(got.shape)}, expected {tuple(want.shape)}"
        assert not torch.allclose(got, avg, atol=1e-4), (
            "the block averages each 2x2 window (AvgPool2d): a conv block keeps the strongest response, MaxPool2d(2)"
        )
        assert torch.allclose(got, want, atol=1e-5), (
            "the output is not max_pool2d(relu(batch_norm(conv(x))), 2) with the block's own convolution and batch norm"
        )


def test_cnn_with_three_and_four_blocks():
    torch.manual_seed(0)
    assert SimpleCNN()(torch.randn(4, 3, 32, 32)).shape == (4, 10)
    four = SimpleCNN(channels=(16, 32, 64, 128))
    assert four.num_conv_layers == 4
    assert four(torch.randn(2, 3, 32, 32)).shape == (2, 10)


def test_cnn_overfits_a_tiny_batch():
    """A correct block makes a CNN that can memorise 16 random images (the classic sanity check)."""
    torch.manual_seed(0)
    images = torch.randn(16, 3, 32, 32)
    labels = torch.arange(16) % 10
    model = SimpleCNN(channels=(16, 32, 64), dropout=0.0)
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    criterion = nn.CrossEntropyLoss()
    model.train()
    losses = []
    for _ in range(40):
        optimizer.zero_grad()
        loss = criterion(model(images), labels)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    assert losses[-1] < 0.2 * losses[0], f"loss went from {losses[0]:.3f} to {losses[-1]:.3f} in 40 steps"
    model.eval()
    accuracy = (model(images).argmax(1) == labels).float().mean().item()
    assert accuracy == 1.0, f"memorised only {accuracy:.0%} of 16 images"
