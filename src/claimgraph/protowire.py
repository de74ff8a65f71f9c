"""The protobuf wire format's base-128 varint, which the two ONNX graphs the project edits or writes by
hand need (link/graph_cut.py cuts the shipped encoder's graph; events/parse_gemm.py writes a one-node
Gemm): the onnx package is a build-time dependency only, so neither may import it at run time."""


def varint(value: int) -> bytes:
    """``value`` (≥ 0) as a protobuf varint: seven bits a byte, low bits first, high bit = more follow."""
    out = bytearray()
    while True:
        low, value = value & 0x7F, value >> 7
        out.append(low | 0x80 if value else low)
        if not value:
            return bytes(out)
