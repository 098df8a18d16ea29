import GRDB

extension Database {
    /// Runs one SQL statement through the connection's statement cache.
    ///
    /// The sweep's steps run the same few statements once per recording, thousands of times per
    /// transaction: through the cache each is parsed and checked by GRDB's authorizer once per
    /// connection rather than once per row, which was a fifth of the writer's time.
    func executeCached(sql: String, arguments: StatementArguments = StatementArguments()) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}
