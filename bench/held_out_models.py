"""A held-out set of real architectures for ``bench_views.py``: configs with random weights.

Nothing is downloaded. Each builder returns ``(model, inputs)`` with the model
in eval mode and ``inputs`` a tuple of positional tensors, so that the same
inputs serve ``torch.export``, the ONNX exporter and ``torch.jit.trace``
(``SummaryWriter.add_graph`` takes positional inputs only). Widths are tiny
(hidden 32-64, vocab 100, 8-12 tokens, 32-64 px images) so that a 2-core CPU
captures them quickly. Depths and every other config value, ``use_cache``
included, are the library's defaults unless a comment says otherwise: layer
counts and returned caches are what the folding passes must cope with. Token
ids are set only where the default would lie outside the small vocabulary.
"""

from __future__ import annotations

import torch

__all__ = ["MODELS"]

VOCAB = 100
SEQ = 12


def _ids(batch: int = 1, seq: int = SEQ) -> torch.Tensor:
    return torch.randint(0, VOCAB, (batch, seq), generator=torch.Generator().manual_seed(0))


def _image(size: int, channels: int = 3) -> torch.Tensor:
    return torch.randn(1, channels, size, size, generator=torch.Generator().manual_seed(0))


def _eval(model):
    torch.manual_seed(0)
    return model.eval()


def bert():
    from transformers import BertConfig, BertModel

    config = BertConfig(vocab_size=VOCAB, hidden_size=64, num_attention_heads=4, intermediate_size=128,
                        attn_implementation="eager")  # num_hidden_layers: the default 12
    return _eval(BertModel(config)), (_ids(),)


def gpt2():
    from transformers import GPT2Config, GPT2Model

    # Everything default (12 layers, use_cache=True) except widths and the token ids the small vocabulary needs.
    config = GPT2Config(vocab_size=VOCAB, n_positions=64, n_embd=64, n_head=4, bos_token_id=VOCAB - 1,
                        eos_token_id=VOCAB - 1, attn_implementation="eager")
    return _eval(GPT2Model(config)), (_ids(),)


def _llama_config(layers: int, hidden: int = 64):
    from transformers import LlamaConfig

    return LlamaConfig(vocab_size=VOCAB, hidden_size=hidden, intermediate_size=2 * hidden, num_hidden_layers=layers,
                       num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=64,
                       attn_implementation="eager")


def llama():
    from transformers import LlamaModel

    # 6 layers here; llama80 below is the deep one.
    return _eval(LlamaModel(_llama_config(6))), (_ids(),)


def llama80():
    from transformers import LlamaModel

    return _eval(LlamaModel(_llama_config(80, hidden=32))), (_ids(seq=8),)


def mixtral():
    from transformers import MixtralConfig, MixtralModel

    # num_hidden_layers, num_local_experts, num_experts_per_tok: the defaults 32, 8, 2.
    config = MixtralConfig(vocab_size=VOCAB, hidden_size=64, intermediate_size=64, num_attention_heads=4,
                           num_key_value_heads=2, max_position_embeddings=64, attn_implementation="eager")
    return _eval(MixtralModel(config)), (_ids(),)


def t5():
    from transformers import T5Config, T5Model

    # num_layers / num_decoder_layers: the default 6 each.
    config = T5Config(vocab_size=VOCAB, d_model=64, d_kv=16, d_ff=128, num_heads=4, attn_implementation="eager")
    ids = _ids()
    return _eval(T5Model(config)), (ids, torch.ones_like(ids), _ids(seq=8))


def whisper():
    from transformers import WhisperConfig, WhisperModel

    # Encoder input length must be 2 * max_source_positions mel frames.
    config = WhisperConfig(vocab_size=VOCAB, num_mel_bins=16, d_model=64, encoder_attention_heads=4,
                           decoder_attention_heads=4, encoder_ffn_dim=128, decoder_ffn_dim=128,
                           max_source_positions=16, max_target_positions=32, pad_token_id=0,
                           bos_token_id=1, eos_token_id=2, decoder_start_token_id=1,
                           attn_implementation="eager")  # encoder/decoder_layers: the default 4 each
    features = torch.randn(1, 16, 32, generator=torch.Generator().manual_seed(0))
    return _eval(WhisperModel(config)), (features, torch.ones(1, 32, dtype=torch.long), _ids(seq=8))


def clip():
    from transformers import CLIPConfig, CLIPModel

    text = dict(vocab_size=VOCAB, hidden_size=64, intermediate_size=128, num_attention_heads=4,
                max_position_embeddings=32, bos_token_id=1, eos_token_id=2)  # num_hidden_layers: the default 12
    vision = dict(hidden_size=64, intermediate_size=128, num_attention_heads=4, image_size=32, patch_size=8)
    config = CLIPConfig(text_config=text, vision_config=vision, projection_dim=32, attn_implementation="eager")
    return _eval(CLIPModel(config)), (_ids(), _image(32))


def mamba():
    from transformers import MambaConfig, MambaModel

    # num_hidden_layers: the default 32.
    config = MambaConfig(vocab_size=VOCAB, hidden_size=32, state_size=8, expand=2)
    return _eval(MambaModel(config)), (_ids(),)


def rwkv():
    from transformers import RwkvConfig, RwkvModel

    # num_hidden_layers: the default 32.
    config = RwkvConfig(vocab_size=VOCAB, hidden_size=32, attention_hidden_size=32, intermediate_size=64,
                        context_length=64)
    return _eval(RwkvModel(config)), (_ids(),)


def unet():
    from diffusers import UNet2DConditionModel

    # The Stable Diffusion block layout (4 down, mid, 4 up; 2 layers per block), narrow.
    model = UNet2DConditionModel(sample_size=16, in_channels=4, out_channels=4, block_out_channels=(32, 32, 64, 64),
                                 norm_num_groups=8, cross_attention_dim=32, attention_head_dim=8)
    sample = torch.randn(1, 4, 16, 16, generator=torch.Generator().manual_seed(0))
    context = torch.randn(1, 8, 32, generator=torch.Generator().manual_seed(0))
    return _eval(model), (sample, torch.tensor(10), context)


def convnext():
    from transformers import ConvNextConfig, ConvNextModel

    # depths: the default ConvNeXt-T 3-3-9-3.
    config = ConvNextConfig(hidden_sizes=[16, 32, 48, 64], image_size=64)
    return _eval(ConvNextModel(config)), (_image(64),)


MODELS = {
    "bert": bert, "gpt2": gpt2, "llama": llama, "mixtral": mixtral, "t5": t5, "whisper": whisper,
    "clip": clip, "mamba": mamba, "rwkv": rwkv, "unet": unet, "convnext": convnext, "llama80": llama80,
}
