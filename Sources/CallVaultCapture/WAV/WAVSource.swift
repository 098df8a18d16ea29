public import CallVaultCore

/// The bytes a WAV file is read from: now CallVaultCore's `RandomAccessByteSource`, which
/// envelopes and blobs are read from too.
@available(*, deprecated, renamed: "RandomAccessByteSource")
public typealias WAVSource = RandomAccessByteSource

/// A WAV file held in memory: now CallVaultCore's `InMemoryByteSource`.
@available(*, deprecated, renamed: "InMemoryByteSource")
public typealias WAVMemorySource = InMemoryByteSource

/// A WAV file read from disk: now CallVaultCore's `FileByteSource`.
@available(*, deprecated, renamed: "FileByteSource")
public typealias WAVFileSource = FileByteSource
