"""A second held-out set of real architectures, chosen after the passes were written and never tuned for.

Same conventions as :mod:`held_out_models` (configs with random weights,
nothing downloaded, tiny widths, library defaults for depth and everything
else unless a comment says otherwise). ``bench_views.py --set fresh`` folds
them; the first set stays the one the issues' targets were set on.
"""

from __future__ import annotations

from held_out_models import VOCAB, _eval, _ids, _image

__all__ = ["MODELS"]


def vit():
    from transformers import ViTConfig, ViTModel

    config = ViTConfig(hidden_size=64, num_attention_heads=4, intermediate_size=128, image_size=32, patch_size=8)
    return _eval(ViTModel(config)), (_image(32),)


def swin():
    from transformers import SwinConfig, SwinModel

    # Depths 2-2-6-2 as Swin-T; a 2×2 window on 32 px images, 2 px patches.
    config = SwinConfig(image_size=32, patch_size=2, embed_dim=16, depths=[2, 2, 6, 2], num_heads=[1, 2, 4, 8],
                        window_size=2)
    return _eval(SwinModel(config)), (_image(32),)


def bart():
    from transformers import BartConfig, BartModel

    config = BartConfig(vocab_size=VOCAB, d_model=64, encoder_attention_heads=4, decoder_attention_heads=4,
                        encoder_ffn_dim=128, decoder_ffn_dim=128, max_position_embeddings=64, pad_token_id=0,
                        bos_token_id=1, eos_token_id=2, decoder_start_token_id=2, forced_eos_token_id=2,
                        attn_implementation="eager")
    return _eval(BartModel(config)), (_ids(),)


def albert():
    from transformers import AlbertConfig, AlbertModel

    # One layer group run 12 times (shared weights).
    config = AlbertConfig(vocab_size=VOCAB, embedding_size=32, hidden_size=64, num_attention_heads=4,
                          intermediate_size=128, attn_implementation="eager")
    return _eval(AlbertModel(config)), (_ids(),)


def distilbert():
    from transformers import DistilBertConfig, DistilBertModel

    config = DistilBertConfig(vocab_size=VOCAB, dim=64, n_heads=4, hidden_dim=128, attn_implementation="eager")
    return _eval(DistilBertModel(config)), (_ids(),)


def qwen2():
    from transformers import Qwen2Config, Qwen2Model

    config = Qwen2Config(vocab_size=VOCAB, hidden_size=64, intermediate_size=128, num_attention_heads=4,
                         num_key_value_heads=2, max_position_embeddings=64, attn_implementation="eager")
    return _eval(Qwen2Model(config)), (_ids(),)


def opt():
    from transformers import OPTConfig, OPTModel

    config = OPTConfig(vocab_size=VOCAB, hidden_size=64, ffn_dim=128, num_attention_heads=4, word_embed_proj_dim=64,
                       max_position_embeddings=64, pad_token_id=1, bos_token_id=2, eos_token_id=2,
                       attn_implementation="eager")
    return _eval(OPTModel(config)), (_ids(),)


def gpt_neo():
    from transformers import GPTNeoConfig, GPTNeoModel

    # Alternating global and local attention layers (the default attention_types).
    config = GPTNeoConfig(vocab_size=VOCAB, hidden_size=64, num_heads=4, max_position_embeddings=64,
                          bos_token_id=1, eos_token_id=2, window_size=8, attn_implementation="eager")
    return _eval(GPTNeoModel(config)), (_ids(),)


def wav2vec2():
    import torch
    from transformers import Wav2Vec2Config, Wav2Vec2Model

    config = Wav2Vec2Config(hidden_size=64, num_attention_heads=4, intermediate_size=128, conv_dim=(16,) * 7,
                            num_conv_pos_embeddings=16, attn_implementation="eager")
    audio = torch.randn(1, 4000, generator=torch.Generator().manual_seed(0))
    return _eval(Wav2Vec2Model(config)), (audio,)


def segformer():
    from transformers import SegformerConfig, SegformerModel

    config = SegformerConfig(hidden_sizes=[16, 32, 48, 64], decoder_hidden_size=64, num_attention_heads=[1, 2, 4, 8])
    return _eval(SegformerModel(config)), (_image(64),)


def mobilevit():
    from transformers import MobileViTConfig, MobileViTModel

    return _eval(MobileViTModel(MobileViTConfig(image_size=64))), (_image(64),)


def gemma():
    from transformers import GemmaConfig, GemmaModel

    config = GemmaConfig(vocab_size=VOCAB, hidden_size=64, intermediate_size=128, num_attention_heads=4,
                         num_key_value_heads=1, head_dim=16, num_hidden_layers=8, max_position_embeddings=64,
                         attn_implementation="eager")  # 8 layers instead of 28, to keep the capture quick
    return _eval(GemmaModel(config)), (_ids(),)


def regnet():
    from transformers import RegNetConfig, RegNetModel

    return _eval(RegNetModel(RegNetConfig())), (_image(64),)


def mobilenet_v2():
    from transformers import MobileNetV2Config, MobileNetV2Model

    return _eval(MobileNetV2Model(MobileNetV2Config(image_size=64))), (_image(64),)


def efficientnet():
    from transformers import EfficientNetConfig, EfficientNetModel

    return _eval(EfficientNetModel(EfficientNetConfig(image_size=64))), (_image(64),)


def deberta_v2():
    from transformers import DebertaV2Config, DebertaV2Model

    config = DebertaV2Config(vocab_size=VOCAB, hidden_size=64, num_attention_heads=4, intermediate_size=128,
                             max_position_embeddings=64)
    return _eval(DebertaV2Model(config)), (_ids(),)


def falcon():
    from transformers import FalconConfig, FalconModel

    config = FalconConfig(vocab_size=VOCAB, hidden_size=64, num_attention_heads=4, attn_implementation="eager")
    return _eval(FalconModel(config)), (_ids(),)


def dinov2():
    from transformers import Dinov2Config, Dinov2Model

    config = Dinov2Config(hidden_size=64, num_attention_heads=4, intermediate_size=128, image_size=32, patch_size=8)
    return _eval(Dinov2Model(config)), (_image(32),)


def funnel():
    from transformers import FunnelConfig, FunnelModel

    config = FunnelConfig(vocab_size=VOCAB, d_model=64, n_head=4, d_head=16, d_inner=128)
    return _eval(FunnelModel(config)), (_ids(),)


MODELS = {
    "vit": vit, "swin": swin, "bart": bart, "albert": albert, "distilbert": distilbert, "qwen2": qwen2, "opt": opt,
    "gpt_neo": gpt_neo, "wav2vec2": wav2vec2, "segformer": segformer, "mobilevit": mobilevit, "gemma": gemma,
    "regnet": regnet, "mobilenet_v2": mobilenet_v2, "efficientnet": efficientnet, "deberta_v2": deberta_v2,
    "falcon": falcon, "dinov2": dinov2, "funnel": funnel,
}
