from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class SchemaVersion(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SCHEMA_VERSION_UNSPECIFIED: _ClassVar[SchemaVersion]
    SCHEMA_VERSION_CURRENT: _ClassVar[SchemaVersion]

class SourceFormat(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SOURCE_FORMAT_UNSPECIFIED: _ClassVar[SourceFormat]
    TORCH_EXPORT: _ClassVar[SourceFormat]
    ONNX: _ClassVar[SourceFormat]
    GRAPHDEF: _ClassVar[SourceFormat]
    TORCHSCRIPT: _ClassVar[SourceFormat]

class Compression(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    COMPRESSION_NONE: _ClassVar[Compression]
    COMPRESSION_ZLIB: _ClassVar[Compression]
SCHEMA_VERSION_UNSPECIFIED: SchemaVersion
SCHEMA_VERSION_CURRENT: SchemaVersion
SOURCE_FORMAT_UNSPECIFIED: SourceFormat
TORCH_EXPORT: SourceFormat
ONNX: SourceFormat
GRAPHDEF: SourceFormat
TORCHSCRIPT: SourceFormat
COMPRESSION_NONE: Compression
COMPRESSION_ZLIB: Compression

class PluginData(_message.Message):
    __slots__ = ("version", "kind")
    class ContentKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        CONTENT_KIND_UNSPECIFIED: _ClassVar[PluginData.ContentKind]
        MODEL_GRAPH: _ClassVar[PluginData.ContentKind]
        FILTER_STATS: _ClassVar[PluginData.ContentKind]
        WEIGHT_GRAPH: _ClassVar[PluginData.ContentKind]
    CONTENT_KIND_UNSPECIFIED: PluginData.ContentKind
    MODEL_GRAPH: PluginData.ContentKind
    FILTER_STATS: PluginData.ContentKind
    WEIGHT_GRAPH: PluginData.ContentKind
    VERSION_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    version: int
    kind: PluginData.ContentKind
    def __init__(self, version: _Optional[int] = ..., kind: _Optional[_Union[PluginData.ContentKind, str]] = ...) -> None: ...

class GraphHeader(_message.Message):
    __slots__ = ("schema_version", "name", "source_format", "node_count", "edge_count", "module_count", "parameter_count", "compression", "graph_bytes", "graph_bytes_uncompressed")
    SCHEMA_VERSION_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FORMAT_FIELD_NUMBER: _ClassVar[int]
    NODE_COUNT_FIELD_NUMBER: _ClassVar[int]
    EDGE_COUNT_FIELD_NUMBER: _ClassVar[int]
    MODULE_COUNT_FIELD_NUMBER: _ClassVar[int]
    PARAMETER_COUNT_FIELD_NUMBER: _ClassVar[int]
    COMPRESSION_FIELD_NUMBER: _ClassVar[int]
    GRAPH_BYTES_FIELD_NUMBER: _ClassVar[int]
    GRAPH_BYTES_UNCOMPRESSED_FIELD_NUMBER: _ClassVar[int]
    schema_version: int
    name: str
    source_format: SourceFormat
    node_count: int
    edge_count: int
    module_count: int
    parameter_count: int
    compression: Compression
    graph_bytes: int
    graph_bytes_uncompressed: int
    def __init__(self, schema_version: _Optional[int] = ..., name: _Optional[str] = ..., source_format: _Optional[_Union[SourceFormat, str]] = ..., node_count: _Optional[int] = ..., edge_count: _Optional[int] = ..., module_count: _Optional[int] = ..., parameter_count: _Optional[int] = ..., compression: _Optional[_Union[Compression, str]] = ..., graph_bytes: _Optional[int] = ..., graph_bytes_uncompressed: _Optional[int] = ...) -> None: ...

class Dim(_message.Message):
    __slots__ = ("size", "symbol")
    SIZE_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    size: int
    symbol: str
    def __init__(self, size: _Optional[int] = ..., symbol: _Optional[str] = ...) -> None: ...

class TensorType(_message.Message):
    __slots__ = ("dims", "unknown_rank", "dtype")
    DIMS_FIELD_NUMBER: _ClassVar[int]
    UNKNOWN_RANK_FIELD_NUMBER: _ClassVar[int]
    DTYPE_FIELD_NUMBER: _ClassVar[int]
    dims: _containers.RepeatedCompositeFieldContainer[Dim]
    unknown_rank: bool
    dtype: str
    def __init__(self, dims: _Optional[_Iterable[_Union[Dim, _Mapping]]] = ..., unknown_rank: _Optional[bool] = ..., dtype: _Optional[str] = ...) -> None: ...

class AttrValue(_message.Message):
    __slots__ = ("s", "i", "f", "b", "ints", "floats", "strings")
    class IntList(_message.Message):
        __slots__ = ("values",)
        VALUES_FIELD_NUMBER: _ClassVar[int]
        values: _containers.RepeatedScalarFieldContainer[int]
        def __init__(self, values: _Optional[_Iterable[int]] = ...) -> None: ...
    class FloatList(_message.Message):
        __slots__ = ("values",)
        VALUES_FIELD_NUMBER: _ClassVar[int]
        values: _containers.RepeatedScalarFieldContainer[float]
        def __init__(self, values: _Optional[_Iterable[float]] = ...) -> None: ...
    class StringList(_message.Message):
        __slots__ = ("values",)
        VALUES_FIELD_NUMBER: _ClassVar[int]
        values: _containers.RepeatedScalarFieldContainer[str]
        def __init__(self, values: _Optional[_Iterable[str]] = ...) -> None: ...
    S_FIELD_NUMBER: _ClassVar[int]
    I_FIELD_NUMBER: _ClassVar[int]
    F_FIELD_NUMBER: _ClassVar[int]
    B_FIELD_NUMBER: _ClassVar[int]
    INTS_FIELD_NUMBER: _ClassVar[int]
    FLOATS_FIELD_NUMBER: _ClassVar[int]
    STRINGS_FIELD_NUMBER: _ClassVar[int]
    s: str
    i: int
    f: float
    b: bool
    ints: AttrValue.IntList
    floats: AttrValue.FloatList
    strings: AttrValue.StringList
    def __init__(self, s: _Optional[str] = ..., i: _Optional[int] = ..., f: _Optional[float] = ..., b: _Optional[bool] = ..., ints: _Optional[_Union[AttrValue.IntList, _Mapping]] = ..., floats: _Optional[_Union[AttrValue.FloatList, _Mapping]] = ..., strings: _Optional[_Union[AttrValue.StringList, _Mapping]] = ...) -> None: ...

class InputRef(_message.Message):
    __slots__ = ("node", "output")
    NODE_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_FIELD_NUMBER: _ClassVar[int]
    node: str
    output: int
    def __init__(self, node: _Optional[str] = ..., output: _Optional[int] = ...) -> None: ...

class Node(_message.Message):
    __slots__ = ("name", "op", "kind", "module", "inputs", "outputs", "attrs", "parameter_count")
    class Kind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        OP: _ClassVar[Node.Kind]
        PARAMETER: _ClassVar[Node.Kind]
        BUFFER: _ClassVar[Node.Kind]
        CONSTANT: _ClassVar[Node.Kind]
        INPUT: _ClassVar[Node.Kind]
        OUTPUT: _ClassVar[Node.Kind]
    OP: Node.Kind
    PARAMETER: Node.Kind
    BUFFER: Node.Kind
    CONSTANT: Node.Kind
    INPUT: Node.Kind
    OUTPUT: Node.Kind
    class AttrsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: AttrValue
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[AttrValue, _Mapping]] = ...) -> None: ...
    NAME_FIELD_NUMBER: _ClassVar[int]
    OP_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    MODULE_FIELD_NUMBER: _ClassVar[int]
    INPUTS_FIELD_NUMBER: _ClassVar[int]
    OUTPUTS_FIELD_NUMBER: _ClassVar[int]
    ATTRS_FIELD_NUMBER: _ClassVar[int]
    PARAMETER_COUNT_FIELD_NUMBER: _ClassVar[int]
    name: str
    op: str
    kind: Node.Kind
    module: str
    inputs: _containers.RepeatedCompositeFieldContainer[InputRef]
    outputs: _containers.RepeatedCompositeFieldContainer[TensorType]
    attrs: _containers.MessageMap[str, AttrValue]
    parameter_count: int
    def __init__(self, name: _Optional[str] = ..., op: _Optional[str] = ..., kind: _Optional[_Union[Node.Kind, str]] = ..., module: _Optional[str] = ..., inputs: _Optional[_Iterable[_Union[InputRef, _Mapping]]] = ..., outputs: _Optional[_Iterable[_Union[TensorType, _Mapping]]] = ..., attrs: _Optional[_Mapping[str, AttrValue]] = ..., parameter_count: _Optional[int] = ...) -> None: ...

class Module(_message.Message):
    __slots__ = ("path", "class_name")
    PATH_FIELD_NUMBER: _ClassVar[int]
    CLASS_NAME_FIELD_NUMBER: _ClassVar[int]
    path: str
    class_name: str
    def __init__(self, path: _Optional[str] = ..., class_name: _Optional[str] = ...) -> None: ...

class ModelGraph(_message.Message):
    __slots__ = ("schema_version", "name", "source_format", "producer", "modules", "nodes", "capture", "phases")
    SCHEMA_VERSION_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FORMAT_FIELD_NUMBER: _ClassVar[int]
    PRODUCER_FIELD_NUMBER: _ClassVar[int]
    MODULES_FIELD_NUMBER: _ClassVar[int]
    NODES_FIELD_NUMBER: _ClassVar[int]
    CAPTURE_FIELD_NUMBER: _ClassVar[int]
    PHASES_FIELD_NUMBER: _ClassVar[int]
    schema_version: int
    name: str
    source_format: SourceFormat
    producer: str
    modules: _containers.RepeatedCompositeFieldContainer[Module]
    nodes: _containers.RepeatedCompositeFieldContainer[Node]
    capture: str
    phases: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, schema_version: _Optional[int] = ..., name: _Optional[str] = ..., source_format: _Optional[_Union[SourceFormat, str]] = ..., producer: _Optional[str] = ..., modules: _Optional[_Iterable[_Union[Module, _Mapping]]] = ..., nodes: _Optional[_Iterable[_Union[Node, _Mapping]]] = ..., capture: _Optional[str] = ..., phases: _Optional[_Iterable[str]] = ...) -> None: ...

class FilterStats(_message.Message):
    __slots__ = ("schema_version", "graph_tag", "class_names", "class_counts", "example_count", "parameter_count", "macs", "layers", "groups", "world_size", "fixed_parameters", "cost_terms")
    SCHEMA_VERSION_FIELD_NUMBER: _ClassVar[int]
    GRAPH_TAG_FIELD_NUMBER: _ClassVar[int]
    CLASS_NAMES_FIELD_NUMBER: _ClassVar[int]
    CLASS_COUNTS_FIELD_NUMBER: _ClassVar[int]
    EXAMPLE_COUNT_FIELD_NUMBER: _ClassVar[int]
    PARAMETER_COUNT_FIELD_NUMBER: _ClassVar[int]
    MACS_FIELD_NUMBER: _ClassVar[int]
    LAYERS_FIELD_NUMBER: _ClassVar[int]
    GROUPS_FIELD_NUMBER: _ClassVar[int]
    WORLD_SIZE_FIELD_NUMBER: _ClassVar[int]
    FIXED_PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    COST_TERMS_FIELD_NUMBER: _ClassVar[int]
    schema_version: int
    graph_tag: str
    class_names: _containers.RepeatedScalarFieldContainer[str]
    class_counts: _containers.RepeatedScalarFieldContainer[int]
    example_count: int
    parameter_count: int
    macs: int
    layers: _containers.RepeatedCompositeFieldContainer[LayerFilterStats]
    groups: _containers.RepeatedCompositeFieldContainer[PruningGroup]
    world_size: int
    fixed_parameters: int
    cost_terms: _containers.RepeatedCompositeFieldContainer[CostTerm]
    def __init__(self, schema_version: _Optional[int] = ..., graph_tag: _Optional[str] = ..., class_names: _Optional[_Iterable[str]] = ..., class_counts: _Optional[_Iterable[int]] = ..., example_count: _Optional[int] = ..., parameter_count: _Optional[int] = ..., macs: _Optional[int] = ..., layers: _Optional[_Iterable[_Union[LayerFilterStats, _Mapping]]] = ..., groups: _Optional[_Iterable[_Union[PruningGroup, _Mapping]]] = ..., world_size: _Optional[int] = ..., fixed_parameters: _Optional[int] = ..., cost_terms: _Optional[_Iterable[_Union[CostTerm, _Mapping]]] = ...) -> None: ...

class OverlayHeader(_message.Message):
    __slots__ = ("schema_version", "graph_tag", "layer_count", "class_count", "filter_count", "parameter_count", "macs", "node_count", "edge_count", "blob_bytes", "blob_bytes_uncompressed")
    SCHEMA_VERSION_FIELD_NUMBER: _ClassVar[int]
    GRAPH_TAG_FIELD_NUMBER: _ClassVar[int]
    LAYER_COUNT_FIELD_NUMBER: _ClassVar[int]
    CLASS_COUNT_FIELD_NUMBER: _ClassVar[int]
    FILTER_COUNT_FIELD_NUMBER: _ClassVar[int]
    PARAMETER_COUNT_FIELD_NUMBER: _ClassVar[int]
    MACS_FIELD_NUMBER: _ClassVar[int]
    NODE_COUNT_FIELD_NUMBER: _ClassVar[int]
    EDGE_COUNT_FIELD_NUMBER: _ClassVar[int]
    BLOB_BYTES_FIELD_NUMBER: _ClassVar[int]
    BLOB_BYTES_UNCOMPRESSED_FIELD_NUMBER: _ClassVar[int]
    schema_version: int
    graph_tag: str
    layer_count: int
    class_count: int
    filter_count: int
    parameter_count: int
    macs: int
    node_count: int
    edge_count: int
    blob_bytes: int
    blob_bytes_uncompressed: int
    def __init__(self, schema_version: _Optional[int] = ..., graph_tag: _Optional[str] = ..., layer_count: _Optional[int] = ..., class_count: _Optional[int] = ..., filter_count: _Optional[int] = ..., parameter_count: _Optional[int] = ..., macs: _Optional[int] = ..., node_count: _Optional[int] = ..., edge_count: _Optional[int] = ..., blob_bytes: _Optional[int] = ..., blob_bytes_uncompressed: _Optional[int] = ...) -> None: ...

class CostTerm(_message.Message):
    __slots__ = ("module", "out_fixed", "in_fixed", "out", "params_per_pair", "params_per_out", "params_per_in", "macs_per_pair", "macs_per_out")
    class GroupShare(_message.Message):
        __slots__ = ("group", "count")
        GROUP_FIELD_NUMBER: _ClassVar[int]
        COUNT_FIELD_NUMBER: _ClassVar[int]
        group: int
        count: int
        def __init__(self, group: _Optional[int] = ..., count: _Optional[int] = ...) -> None: ...
    MODULE_FIELD_NUMBER: _ClassVar[int]
    OUT_FIXED_FIELD_NUMBER: _ClassVar[int]
    IN_FIXED_FIELD_NUMBER: _ClassVar[int]
    OUT_FIELD_NUMBER: _ClassVar[int]
    IN_FIELD_NUMBER: _ClassVar[int]
    PARAMS_PER_PAIR_FIELD_NUMBER: _ClassVar[int]
    PARAMS_PER_OUT_FIELD_NUMBER: _ClassVar[int]
    PARAMS_PER_IN_FIELD_NUMBER: _ClassVar[int]
    MACS_PER_PAIR_FIELD_NUMBER: _ClassVar[int]
    MACS_PER_OUT_FIELD_NUMBER: _ClassVar[int]
    module: str
    out_fixed: int
    in_fixed: int
    out: _containers.RepeatedCompositeFieldContainer[CostTerm.GroupShare]
    params_per_pair: float
    params_per_out: float
    params_per_in: float
    macs_per_pair: float
    macs_per_out: float
    def __init__(self, module: _Optional[str] = ..., out_fixed: _Optional[int] = ..., in_fixed: _Optional[int] = ..., out: _Optional[_Iterable[_Union[CostTerm.GroupShare, _Mapping]]] = ..., params_per_pair: _Optional[float] = ..., params_per_out: _Optional[float] = ..., params_per_in: _Optional[float] = ..., macs_per_pair: _Optional[float] = ..., macs_per_out: _Optional[float] = ..., **kwargs) -> None: ...

class LayerFilterStats(_message.Message):
    __slots__ = ("module", "layer_type", "filter_count", "hooked", "class_means", "class_means_normalized", "discriminability", "apoz", "activation_l1", "weight_l1", "group", "weight_shape")
    MODULE_FIELD_NUMBER: _ClassVar[int]
    LAYER_TYPE_FIELD_NUMBER: _ClassVar[int]
    FILTER_COUNT_FIELD_NUMBER: _ClassVar[int]
    HOOKED_FIELD_NUMBER: _ClassVar[int]
    CLASS_MEANS_FIELD_NUMBER: _ClassVar[int]
    CLASS_MEANS_NORMALIZED_FIELD_NUMBER: _ClassVar[int]
    DISCRIMINABILITY_FIELD_NUMBER: _ClassVar[int]
    APOZ_FIELD_NUMBER: _ClassVar[int]
    ACTIVATION_L1_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_L1_FIELD_NUMBER: _ClassVar[int]
    GROUP_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_SHAPE_FIELD_NUMBER: _ClassVar[int]
    module: str
    layer_type: str
    filter_count: int
    hooked: str
    class_means: _containers.RepeatedScalarFieldContainer[float]
    class_means_normalized: _containers.RepeatedScalarFieldContainer[float]
    discriminability: _containers.RepeatedScalarFieldContainer[float]
    apoz: _containers.RepeatedScalarFieldContainer[float]
    activation_l1: _containers.RepeatedScalarFieldContainer[float]
    weight_l1: _containers.RepeatedScalarFieldContainer[float]
    group: int
    weight_shape: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, module: _Optional[str] = ..., layer_type: _Optional[str] = ..., filter_count: _Optional[int] = ..., hooked: _Optional[str] = ..., class_means: _Optional[_Iterable[float]] = ..., class_means_normalized: _Optional[_Iterable[float]] = ..., discriminability: _Optional[_Iterable[float]] = ..., apoz: _Optional[_Iterable[float]] = ..., activation_l1: _Optional[_Iterable[float]] = ..., weight_l1: _Optional[_Iterable[float]] = ..., group: _Optional[int] = ..., weight_shape: _Optional[_Iterable[int]] = ...) -> None: ...

class PruningGroup(_message.Message):
    __slots__ = ("modules", "channel_count", "parameters_per_channel", "macs_per_channel", "prunable", "reason")
    MODULES_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_COUNT_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_PER_CHANNEL_FIELD_NUMBER: _ClassVar[int]
    MACS_PER_CHANNEL_FIELD_NUMBER: _ClassVar[int]
    PRUNABLE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    modules: _containers.RepeatedScalarFieldContainer[str]
    channel_count: int
    parameters_per_channel: int
    macs_per_channel: int
    prunable: bool
    reason: str
    def __init__(self, modules: _Optional[_Iterable[str]] = ..., channel_count: _Optional[int] = ..., parameters_per_channel: _Optional[int] = ..., macs_per_channel: _Optional[int] = ..., prunable: _Optional[bool] = ..., reason: _Optional[str] = ...) -> None: ...

class WeightGraphStats(_message.Message):
    __slots__ = ("schema_version", "graph_tag", "node_count", "edge_count", "layers", "seconds")
    SCHEMA_VERSION_FIELD_NUMBER: _ClassVar[int]
    GRAPH_TAG_FIELD_NUMBER: _ClassVar[int]
    NODE_COUNT_FIELD_NUMBER: _ClassVar[int]
    EDGE_COUNT_FIELD_NUMBER: _ClassVar[int]
    LAYERS_FIELD_NUMBER: _ClassVar[int]
    SECONDS_FIELD_NUMBER: _ClassVar[int]
    schema_version: int
    graph_tag: str
    node_count: int
    edge_count: int
    layers: _containers.RepeatedCompositeFieldContainer[LayerProperties]
    seconds: float
    def __init__(self, schema_version: _Optional[int] = ..., graph_tag: _Optional[str] = ..., node_count: _Optional[int] = ..., edge_count: _Optional[int] = ..., layers: _Optional[_Iterable[_Union[LayerProperties, _Mapping]]] = ..., seconds: _Optional[float] = ...) -> None: ...

class LayerProperties(_message.Message):
    __slots__ = ("module", "layer_type", "node_count", "properties")
    MODULE_FIELD_NUMBER: _ClassVar[int]
    LAYER_TYPE_FIELD_NUMBER: _ClassVar[int]
    NODE_COUNT_FIELD_NUMBER: _ClassVar[int]
    PROPERTIES_FIELD_NUMBER: _ClassVar[int]
    module: str
    layer_type: str
    node_count: int
    properties: _containers.RepeatedCompositeFieldContainer[PropertySummary]
    def __init__(self, module: _Optional[str] = ..., layer_type: _Optional[str] = ..., node_count: _Optional[int] = ..., properties: _Optional[_Iterable[_Union[PropertySummary, _Mapping]]] = ...) -> None: ...

class PropertySummary(_message.Message):
    __slots__ = ("name", "mean", "std", "quantiles", "top_indices", "top_values", "values")
    NAME_FIELD_NUMBER: _ClassVar[int]
    MEAN_FIELD_NUMBER: _ClassVar[int]
    STD_FIELD_NUMBER: _ClassVar[int]
    QUANTILES_FIELD_NUMBER: _ClassVar[int]
    TOP_INDICES_FIELD_NUMBER: _ClassVar[int]
    TOP_VALUES_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    name: str
    mean: float
    std: float
    quantiles: _containers.RepeatedScalarFieldContainer[float]
    top_indices: _containers.RepeatedScalarFieldContainer[int]
    top_values: _containers.RepeatedScalarFieldContainer[float]
    values: _containers.RepeatedScalarFieldContainer[float]
    def __init__(self, name: _Optional[str] = ..., mean: _Optional[float] = ..., std: _Optional[float] = ..., quantiles: _Optional[_Iterable[float]] = ..., top_indices: _Optional[_Iterable[int]] = ..., top_values: _Optional[_Iterable[float]] = ..., values: _Optional[_Iterable[float]] = ...) -> None: ...
