import GRDB

/// Repairs what sweeps of earlier CallVault versions could leave: a recording destroyed and
/// certified (it has a tombstone) whose catalog entry still says it exists, because the sweep was
/// killed between writing the tombstone and marking the catalog. Those versions' sweeps never came
/// back to it. Since the catalog mark became a step of the journaled deletion, taken before the
/// tombstone, no sweep leaves this state; the migration settles what older ones left, once.
enum SweepCatalogRepair {
    static let identifier = "v3-sweep-catalog-matches-tombstones"

    /// Marks every entry with a tombstone deleted and drops what identifies its customer (the
    /// customer id and the consent receipts), as the sweep's own mark does.
    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                DELETE FROM consent_receipt WHERE recording_id IN (
                    SELECT id FROM recording
                    WHERE state <> 'deleted' AND id IN (SELECT recording_id FROM tombstone));
                UPDATE recording SET state = 'deleted', customer_id = NULL
                    WHERE state <> 'deleted' AND id IN (SELECT recording_id FROM tombstone);
                """)
    }
}
