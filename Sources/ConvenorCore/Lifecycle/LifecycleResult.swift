/// What `Lifecycle.apply` made of the schedule: the mailings to plan with, and the ones withdrawn.
package struct LifecycleResult: Hashable, Sendable {
    /// The schedule's mailings with each occurrence's revision applied, pre-meeting mail made pointless by a change
    /// dropped, and the rescheduled and cancelled notices added; in schedule order (due, then key).
    package var mailings: [Mailing]
    /// Mailings of a cancelled meeting that will never go out: the daemon records them `cancelled`.
    package var withdrawn: [Mailing]
    /// The rescheduled and cancelled notices among `mailings`, for `preview` to point out.
    package var notices: [Mailing]
    /// The revision (= calendar SEQUENCE) of every announced meeting occurrence.
    package var revisions: [OccurrenceKey: Int]

    package init(
        mailings: [Mailing] = [],
        withdrawn: [Mailing] = [],
        notices: [Mailing] = [],
        revisions: [OccurrenceKey: Int] = [:]
    ) {
        self.mailings = mailings
        self.withdrawn = withdrawn
        self.notices = notices
        self.revisions = revisions
    }
}
