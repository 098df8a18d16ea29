extension Recorder {
    /// Records every frame `source` yields until it ends, then finishes.
    ///
    /// Frames for tracks the recorder does not have are skipped (and counted by the caller if it
    /// cares); packets and screen images are left to a packet recorder.
    @discardableResult
    public func record(from source: some MediaSource) async throws -> RecordingTimeline {
        for try await frame in source {
            guard channel(for: frame.track) != nil else { continue }
            try ingest(frame)
        }
        return try finish()
    }
}
