#!/usr/bin/env python3
"""An independent reader of the CallVault envelope format, written from Documentation/ENVELOPE.md
alone, over libsodium through ctypes (no CallVault code). It checks every test vector that page
publishes: derived keys, envelopes that must open to their plaintext, rejection vectors that must
be refused with the result given, and the wrap.

    python3 Scripts/envelope-reference-reader.py [path/to/ENVELOPE.md]

Prints one line per vector and exits 0 when all agree, 1 otherwise. The test suite runs it
(Tests/CallVaultCryptoTests/IndependentReaderTests.swift); it needs python3 and libsodium (the
libsodium23 package, which libsodium-dev pulls in).
"""

import ctypes
import ctypes.util
import hashlib
import os
import sys

MAGIC = bytes.fromhex("894356520d0a1a0a")
END_MAGIC = b"CVR-END\n"
TAG = 16
MARKER = 16
WRAP = 112


class Refused(Exception):
    """The envelope is refused; the message is the result ENVELOPE.md names."""


def load_sodium():
    names = [ctypes.util.find_library("sodium"), "libsodium.so.23", "libsodium.so", "libsodium.dylib"]
    for name in names:
        if not name:
            continue
        try:
            library = ctypes.CDLL(name)
        except OSError:
            continue
        if library.sodium_init() < 0:
            raise SystemExit("libsodium failed to initialise")
        return library
    raise SystemExit("libsodium not found (install libsodium23 or libsodium-dev)")


SODIUM = load_sodium()


def kdf(key, context, subkey_id):
    out = ctypes.create_string_buffer(32)
    ok = SODIUM.crypto_kdf_derive_from_key(
        out, ctypes.c_size_t(32), ctypes.c_uint64(subkey_id), ctypes.c_char_p(context), ctypes.c_char_p(key))
    if ok != 0:
        raise SystemExit("crypto_kdf_derive_from_key failed")
    # The page also states it in BLAKE2b terms: check that reading, through Python's own BLAKE2b.
    direct = hashlib.blake2b(
        b"", digest_size=32, key=key, salt=subkey_id.to_bytes(8, "little") + bytes(8), person=context + bytes(8)
    ).digest()
    if direct != out.raw:
        raise SystemExit("crypto_kdf and the BLAKE2b description disagree")
    return out.raw


def generichash(data, length, key=b""):
    out = ctypes.create_string_buffer(length)
    ok = SODIUM.crypto_generichash(
        out, ctypes.c_size_t(length), ctypes.c_char_p(data), ctypes.c_ulonglong(len(data)),
        ctypes.c_char_p(key) if key else None, ctypes.c_size_t(len(key)))
    if ok != 0:
        raise SystemExit("crypto_generichash failed")
    return out.raw


def aead_open(sealed, associated, nonce, key):
    out = ctypes.create_string_buffer(max(1, len(sealed) - TAG))
    out_length = ctypes.c_ulonglong(0)
    ok = SODIUM.crypto_aead_chacha20poly1305_ietf_decrypt(
        out, ctypes.byref(out_length), None, ctypes.c_char_p(sealed), ctypes.c_ulonglong(len(sealed)),
        ctypes.c_char_p(associated) if associated else None, ctypes.c_ulonglong(len(associated)),
        ctypes.c_char_p(nonce), ctypes.c_char_p(key))
    if ok != 0:
        return None
    return out.raw[:out_length.value]


def keys(data_key):
    return {
        "payload": kdf(data_key, b"CVPAYLOD", 1),
        "mac": kdf(data_key, b"CVHDRMAC", 1),
        "commitment": kdf(data_key, b"CVCOMMIT", 1),
    }


def big(data, offset, size):
    return int.from_bytes(data[offset:offset + size], "big")


def parse_header(envelope):
    """The header as ENVELOPE.md lays it out, with every rule a reader enforces."""
    if len(envelope) < 8 or envelope[:8] != MAGIC:
        raise Refused("not an envelope")
    if len(envelope) < 16:
        raise Refused("header truncated")
    if big(envelope, 8, 2) != 1:
        raise Refused("unsupported version")
    if big(envelope, 10, 2) != 1:
        raise Refused("unsupported algorithm")
    core_length = big(envelope, 12, 4)
    if not 127 <= core_length <= 65536:
        raise Refused("malformed header: core length")
    if len(envelope) < core_length + 2:
        raise Refused("header truncated")
    core = envelope[:core_length]
    segment_size = big(core, 32, 4)
    if not 16 <= segment_size <= 16 << 20:
        raise Refused("malformed header: segment size")
    declared = big(core, 36, 8)
    declared = None if declared == 0xFFFFFFFFFFFFFFFF else declared
    encoding, channels, rate = core[44], core[45], big(core, 46, 4)
    if encoding > 4:
        raise Refused("malformed header: media encoding")
    if encoding == 0 and (channels != 0 or rate != 0):
        raise Refused("malformed header: format of opaque bytes")
    if encoding != 0 and not (1 <= channels <= 64 and 1 <= rate <= 768000):
        raise Refused("malformed header: channels or sample rate")
    if encoding in (1, 2, 3):
        frame = channels * (2 if encoding == 1 else 1)
        if segment_size % frame or (declared is not None and declared % frame):
            raise Refused("malformed header: not whole sample frames")
    offset = 58
    fields = {}
    for name in ("tenant", "call id"):
        length = big(core, offset, 2)
        if length > 1024 or offset + 2 + length > core_length - 64:
            raise Refused("malformed header: " + name)
        fields[name] = core[offset + 2:offset + 2 + length].decode("utf-8")
        offset += 2 + length
    if offset + 1 > core_length - 64:
        raise Refused("malformed header: channel labels")
    label_count = core[offset]
    offset += 1
    if label_count > 64:
        raise Refused("malformed header: channel labels")
    for _ in range(label_count):
        if offset + 1 > core_length - 64 or offset + 1 + core[offset] > core_length - 64:
            raise Refused("malformed header: channel label")
        core[offset + 1:offset + 1 + core[offset]].decode("utf-8")
        offset += 1 + core[offset]
    if offset != core_length - 64:
        raise Refused("malformed header: fields do not end at the commitment")
    wrap_count = big(envelope, core_length, 2)
    if wrap_count > 32:
        raise Refused("malformed header: wrap count")
    header_length = core_length + 2 + WRAP * wrap_count
    if len(envelope) < header_length:
        raise Refused("header truncated")
    return {
        "core": core, "segment size": segment_size, "declared": declared, "length": header_length,
        "recording id": core[16:32], "commitment": core[core_length - 64:core_length - 32],
        "mac": core[core_length - 32:],
    }


def nonce(index, final):
    return bytes(3) + index.to_bytes(8, "big") + (b"\x01" if final else b"\x00")


def open_envelope(envelope, data_key):
    """The whole plaintext of a complete envelope, or Refused naming what a reader reports."""
    header = parse_header(envelope)
    derived = keys(data_key)
    if SODIUM.sodium_memcmp(ctypes.c_char_p(derived["commitment"]), ctypes.c_char_p(header["commitment"]),
                            ctypes.c_size_t(32)) != 0:
        raise Refused("key commitment mismatch")
    core = header["core"]
    if generichash(core[:-32], 32, derived["mac"]) != header["mac"]:
        raise Refused("header tampered")
    size = header["segment size"]
    total = len(envelope)
    body = total - header["length"]
    marker = envelope[-MARKER:]
    if body < MARKER + TAG or marker[:8] != END_MAGIC:
        raise Refused("incomplete")
    length = big(marker, 8, 8)
    expected = header["length"] + (length // size) * (size + TAG) + length % size + TAG + MARKER
    if expected != total:
        raise Refused("end marker tampered")
    if header["declared"] is not None and header["declared"] != length:
        raise Refused("end marker tampered")
    final_index = length // size
    plaintext = b""
    # Every segment is opened, the final one too, even when it is empty: its tag is what
    # authenticates the end marker.
    for index in range(final_index + 1):
        final = index == final_index
        start = header["length"] + index * (size + TAG)
        count = (length % size if final else size) + TAG
        opened = aead_open(
            envelope[start:start + count], marker if final else b"", nonce(index, final), derived["payload"])
        if opened is None:
            raise Refused("segment %d tampered" % index)
        plaintext += opened
    return plaintext


BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def bech32m_decode(text):
    text = text.lower()
    prefix, _, data = text.rpartition("1")
    values = [BECH32_CHARSET.index(character) for character in data]
    check = 1
    for value in [ord(c) >> 5 for c in prefix] + [0] + [ord(c) & 31 for c in prefix] + values:
        top = check >> 25
        check = (check & 0x1FFFFFF) << 5 ^ value
        for bit, generator in enumerate([0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]):
            check ^= generator if (top >> bit) & 1 else 0
    if check != 0x2BC830A3:
        raise SystemExit("bad Bech32m checksum in " + text)
    bits, accumulator, out = 0, 0, bytearray()
    for value in values[:-6]:
        accumulator = accumulator << 5 | value
        bits += 5
        if bits >= 8:
            bits -= 8
            out.append(accumulator >> bits & 0xFF)
    return prefix, bytes(out)


def check_wrap(vector, data_key):
    private = bytes.fromhex(vector["identity private key"])
    public = ctypes.create_string_buffer(32)
    if SODIUM.crypto_scalarmult_base(public, ctypes.c_char_p(private)) != 0:
        return "crypto_scalarmult_base failed"
    prefix, key = bech32m_decode(vector["recipient"])
    if prefix != "callvault" or key != public.raw:
        return "the recipient string is not the identity's public key"
    fingerprint = generichash(b"callvault-recipient-fingerprint-v1" + public.raw, 16)
    if fingerprint.hex() != vector["fingerprint"]:
        return "fingerprint differs"
    wrap = bytes.fromhex(vector["wrap"])
    if wrap[:16] != fingerprint:
        return "the wrap's fingerprint differs"
    opened = ctypes.create_string_buffer(48)
    if SODIUM.crypto_box_seal_open(opened, ctypes.c_char_p(wrap[16:]), ctypes.c_ulonglong(96),
                                   ctypes.c_char_p(public.raw), ctypes.c_char_p(private)) != 0:
        return "the sealed box does not open"
    if opened.raw[:16].hex() != vector["recording id"].replace("-", ""):
        return "the wrap is bound to another recording"
    if opened.raw[16:].hex() != vector["data key"] or opened.raw[16:] != data_key:
        return "the wrap holds another data key"
    return None


def read_vectors(path):
    vectors, current = {}, None
    with open(path, encoding="utf-8") as handle:
        for line in handle.read().split("\n"):
            if line.startswith("# vector "):
                current = line[len("# vector "):]
                vectors[current] = {}
            elif line.startswith("```"):
                current = None
            elif current is not None and "=" in line:
                key, _, value = line.partition("=")
                vectors[current][key.strip()] = value.strip()
    return vectors


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "Documentation", "ENVELOPE.md")
    vectors = read_vectors(path)
    failures = []
    data_key = bytes.fromhex(vectors["derived-keys"]["data key"])
    for name, vector in sorted(vectors.items()):
        problem = None
        if name == "derived-keys":
            derived = keys(data_key)
            for field, key in [("payload key", "payload"), ("header MAC key", "mac"), ("key commitment", "commitment")]:
                if derived[key].hex() != vector[field]:
                    problem = field + " differs"
        elif name == "wrap":
            problem = check_wrap(vector, data_key)
        elif name.startswith("envelope-"):
            try:
                plaintext = open_envelope(bytes.fromhex(vector["envelope"]), data_key)
                if plaintext.hex() != vector["plaintext"]:
                    problem = "the plaintext differs"
                header = parse_header(bytes.fromhex(vector["envelope"]))
                if header["segment size"] != int(vector["segment size"]):
                    problem = "the segment size differs"
                if "declared length" in vector and header["declared"] != int(vector["declared length"]):
                    problem = "the declared length differs"
            except Refused as refused:
                problem = "refused: " + str(refused)
        elif name.startswith("rejected-"):
            try:
                open_envelope(bytes.fromhex(vector["envelope"]), data_key)
                problem = "opened, but must be refused with '%s'" % vector["result"]
            except Refused as refused:
                if str(refused) != vector["result"]:
                    problem = "refused with '%s', not '%s'" % (refused, vector["result"])
        else:
            problem = "unknown kind of vector"
        if problem:
            failures.append(name)
            print("FAIL %s: %s" % (name, problem))
        else:
            print("ok %s" % name)
    print("%d vectors, %d failed" % (len(vectors), len(failures)))
    return 1 if failures or not vectors else 0


if __name__ == "__main__":
    sys.exit(main())
