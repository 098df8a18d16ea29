extension EnvelopeFile {
    /// Plaintext read from a stream per call: 1 MiB.
    static let streamChunkByteCount = 1 << 20

    /// Seals a pipe, terminal or device read to its end (it has no length to declare and no
    /// positions to read at): through the streaming writer, so the envelope declares no length
    /// and proves its length with its end marker, like a live recording. No progress is reported:
    /// a stream's total is unknown until it ends.
    ///
    /// - Throws: ``FileError`` when the stream ends before any byte (an empty pipe is much more
    ///   often a failed command upstream than an empty recording, so nothing is sealed), or when a
    ///   byte range of it was asked for.
    static func sealStream(
        _ input: OpenFile, inputRange: Range<UInt64>?, outputPath: String, configuration: EnvelopeConfiguration,
        recipients: [Recipient]
    ) throws -> EnvelopeSummary {
        guard inputRange == nil else {
            throw FileError(
                operation: "read", path: input.path,
                reason: "it is a pipe or device, so a part of it cannot be chosen; save it to a file first")
        }
        var configuration = configuration
        configuration.declaredPlaintextByteCount = nil
        let identity = OutputDestination.FileIdentity(descriptor: input.descriptor)
        let output = try FileEnvelopeOutput(destination: outputPath, inputs: identity.map { [$0] } ?? [])
        let writer = try EnvelopeWriter(configuration: configuration, recipients: recipients, output: output)
        let chunk = try SecureBuffer(count: streamChunkByteCount)
        defer { chunk.wipe(chunk.count) }
        var total: UInt64 = 0
        while true {
            let count = try input.readSequentially(into: chunk.buffer)
            guard count > 0 else { break }
            try writer.append(UnsafeRawBufferPointer(rebasing: chunk.buffer[..<count]))
            total += UInt64(count)
        }
        guard total > 0 else {
            throw FileError(
                operation: "read", path: input.path,
                reason:
                    "it is a pipe or device that ended before any byte arrived, so nothing was sealed (did the command feeding it fail?)"
            )
        }
        let summary = try writer.finish()
        try output.commit()
        return summary
    }
}
