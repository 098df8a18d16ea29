// The names these types had before 1.0, kept so a host's code compiles with a deprecation warning
// that names the new one. To be removed in 2.0.

/// The former name of ``RecordingSettings``.
@available(*, deprecated, renamed: "RecordingSettings")
public typealias VaultRecordingSettings = RecordingSettings

/// The former name of ``RecordingEntry``.
@available(*, deprecated, renamed: "RecordingEntry")
public typealias VaultRecording = RecordingEntry

/// The former name of ``VaultStores``.
@available(*, deprecated, renamed: "VaultStores")
public typealias VaultStorage = VaultStores

/// The former name of ``StorageError``.
@available(*, deprecated, renamed: "StorageError")
public typealias VaultStorageError = StorageError
