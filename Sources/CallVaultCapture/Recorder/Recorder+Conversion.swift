import CallVaultCore

extension Recorder {
    /// Converts a frame between PCM 16-bit and G.711 into the recording's encoding, on the stack, and
    /// ingests it.
    func ingestConverted(
        channel: Int, timestamp: Int64, sequenceNumber: UInt64, samples: UnsafeRawBufferPointer,
        from encoding: MediaFormat.Encoding
    ) throws {
        let target = configuration.format.encoding
        guard let sourceBytes = encoding.bytesPerSample, let targetBytes = target.bytesPerSample else {
            throw RecorderError.formatMismatch(
                track: configuration.tracks[channel], expected: configuration.format,
                found: MediaFormat(encoding: encoding, sampleRate: configuration.format.sampleRate, channelCount: 1))
        }
        guard samples.count % sourceBytes == 0 else {
            throw RecorderError.partialSample(track: configuration.tracks[channel], byteCount: samples.count)
        }
        let count = samples.count / sourceBytes
        try withUnsafeTemporaryAllocation(byteCount: count * targetBytes, alignment: 2) { converted in
            try withUnsafeTemporaryAllocation(of: Int16.self, capacity: count) { pcm in
                Self.decode(samples, from: encoding, into: pcm)
                Self.encode(UnsafeBufferPointer(pcm), to: target, into: converted)
                try ingestAudio(
                    channel: channel, timestamp: timestamp, sequenceNumber: sequenceNumber,
                    samples: UnsafeRawBufferPointer(converted), encoding: target)
            }
        }
    }

    static func decode(
        _ bytes: UnsafeRawBufferPointer, from encoding: MediaFormat.Encoding,
        into pcm: UnsafeMutableBufferPointer<Int16>
    ) {
        switch encoding {
        case .muLaw: G711.MuLaw.decode(bytes.bindMemory(to: UInt8.self), into: pcm)
        case .aLaw: G711.ALaw.decode(bytes.bindMemory(to: UInt8.self), into: pcm)
        default:
            for index in pcm.indices {
                pcm[index] = Int16(bitPattern: UInt16(bytes[2 * index]) | UInt16(bytes[2 * index + 1]) << 8)
            }
        }
    }

    static func encode(
        _ pcm: UnsafeBufferPointer<Int16>, to encoding: MediaFormat.Encoding, into bytes: UnsafeMutableRawBufferPointer
    ) {
        switch encoding {
        case .muLaw: G711.MuLaw.encode(pcm, into: bytes.bindMemory(to: UInt8.self))
        case .aLaw: G711.ALaw.encode(pcm, into: bytes.bindMemory(to: UInt8.self))
        default:
            for (index, sample) in pcm.enumerated() {
                let value = UInt16(bitPattern: sample)
                bytes[2 * index] = UInt8(truncatingIfNeeded: value)
                bytes[2 * index + 1] = UInt8(truncatingIfNeeded: value >> 8)
            }
        }
    }
}
