// A SQLite vault keeps its recordings in a CallVaultFileStore `FileBlobStore` (`SQLiteVault.blobs`),
// so importing CallVaultSQLite brings that module's names too, as it did before the file store
// became its own module.
@_exported public import CallVaultFileStore
