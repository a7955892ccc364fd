extension TemplateSchema {
    /// The chairs' alert's variables: one group, the posts its list did not pass on (issue 18).
    static let chairsAlertFields: [TemplateField] = [
        TemplateField("network", "The installation's network.", example: "Academic Libraries North"),
        TemplateField("operator", "The operator's address.", example: "convenor-alerts@aln.example.org"),
        TemplateField("group_name", "The group's name.", example: "Metadata Special Interest Group"),
        TemplateField("list", "The list's posting address.", example: "metadata-sig@lists.aln.example.org"),
        TemplateField(
            "posting_address",
            "The address the list saw the posts come from.",
            example: "groups@aln.example.org"
        ),
        TemplateField("chair_names", "The chairs' names.", example: "Jo Chair and Sam Chair"),
        TemplateField("sent_long", "When the alert was made.", example: "Thursday 5 November 2026, 10:00 GMT"),
        TemplateField("post_count", "How many posts are listed.", example: "1"),
        TemplateField("post_summary", "The post (one) or the count in words.", example: "the agenda"),
        TemplateField("post_pronoun", "`it` for one post, `them` for more.", example: "it"),
        TemplateField(
            "posts",
            .list(
                .object([
                    TemplateField("key", "The ledger key.", example: "metadata-sig/agenda/2026-10/0"),
                    TemplateField("kind", "The mailing kind.", example: "agenda"),
                    TemplateField("what", "The mailing in words.", example: "The agenda"),
                    TemplateField("subject", "The post's subject.", example: "Agenda: Metadata SIG, 14 October"),
                    TemplateField("state", "held, rejected or bounced.", example: "held"),
                    TemplateField("state_words", "The state in words.", example: "held by the list"),
                    TemplateField(
                        "sent_long",
                        "When the relay accepted it.",
                        example: "Monday 5 October 2026, 09:00 BST"
                    ),
                    TemplateField(
                        "list_words",
                        "The list's words, or the bounce's status and diagnostic.",
                        example: "The message is not from a list member"
                    ),
                    TemplateField(
                        "happened",
                        "What happened, in words.",
                        example:
                            "the list metadata-sig@lists.aln.example.org held it: The message is not from a list member"
                    ),
                    TemplateField(
                        "advice",
                        "What to do, and whom to ask.",
                        example:
                            "the address groups@aln.example.org is not allowed to post ...; ask the list owner to add it"
                    ),
                    TemplateField(
                        "link",
                        "Where to approve the post, from the list's notice.",
                        example: "https://lists.aln.example.org/postorius/lists/metadata-sig/held_messages",
                        optional: true
                    ),
                ])
            ),
            "The posts the list did not pass on."
        ),
    ]
}
