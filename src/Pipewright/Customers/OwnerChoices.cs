using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;

namespace Pipewright.Customers;

public sealed record OwnerChoice(Guid Id, string DisplayName);

/// <summary>Whom a person may make a customer's owner: themselves, their team tree, or anyone for management.</summary>
public sealed class OwnerChoices(IDbContextFactory<PipewrightDb> dbFactory)
{
    public async Task<IReadOnlyList<OwnerChoice>> ForAsync(CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var users = db.Users.AsNoTracking().Where(u => u.IsActive);
        if (!user.SeesEverything)
        {
            var scope = user.ScopeOwnerIds.ToList();
            users = users.Where(u => scope.Contains(u.Id));
        }
        return await users.OrderBy(u => u.DisplayName).Select(u => new OwnerChoice(u.Id, u.DisplayName)).ToListAsync(ct);
    }
}
