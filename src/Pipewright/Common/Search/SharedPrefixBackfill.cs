namespace Pipewright.Common.Search;

/// <summary>
/// Fills <see cref="SearchTerm.SharedPrefix"/> for rows written before it existed, in SQL: each term against the
/// record's term before it in the collation's order (code points on both providers), character by character.
/// The migration SearchTermsSharedPrefix runs it; a test runs it again on rows it can compare with C#.
/// </summary>
public static class SharedPrefixBackfill
{
    public static string Sql(bool postgres)
    {
        // substr counts characters (code points) on both providers; a term has at most MaxTermLength of them.
        // A record's first term has no previous one: the comparisons are NULL, the value 0.
        var shared = string.Join(" + ", Enumerable.Range(1, SearchIndex.MaxTermLength).Select(k =>
            postgres
                ? $"(substr(\"Term\", 1, {k}) = substr(\"Previous\", 1, {k}))::int"
                : $"(substr(\"Term\", 1, {k}) = substr(\"Previous\", 1, {k}))"));
        var collate = postgres ? " COLLATE \"C\"" : "";
        return $"""
            UPDATE "SearchTerms" SET "SharedPrefix" = p."Shared"
            FROM (
                SELECT "EntityId", "Kind", "Term", COALESCE({shared}, 0) AS "Shared"
                FROM (
                    SELECT "EntityId", "Kind", "Term",
                           LAG("Term") OVER (PARTITION BY "EntityId", "Kind" ORDER BY "Term"{collate}) AS "Previous"
                    FROM "SearchTerms") AS o) AS p
            WHERE "SearchTerms"."EntityId" = p."EntityId" AND "SearchTerms"."Kind" = p."Kind" AND "SearchTerms"."Term" = p."Term"
            """;
    }
}
