using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Pipeline.CreateOpportunity;
using Pipewright.Quotes;
using Pipewright.Quotes.SaveQuote;
using Pipewright.Quotes.SubmitQuote;

namespace Pipewright.Demo;

/// <summary>
/// One 撞单 waiting for 陈静: 张伟 quotes the customer and model of 王磊's approved demo quote, and his submission is
/// refused through the real handler (which records the conflict and notifies the managers). Needs DemoQuotes first.
/// </summary>
public static class DemoQuoteConflicts
{
    public static async Task LoadAsync(IServiceProvider services, DateTimeOffset now, CancellationToken ct)
    {
        var db = services.GetRequiredService<PipewrightDb>();
        var wangleiQuote = await (from q in db.Quotes.AsNoTracking()
                                  join u in db.Users on q.OwnerId equals u.Id
                                  where u.UserName == "wanglei" && q.Status == QuoteStatus.Approved
                                  select q).Include(q => q.Lines).FirstOrDefaultAsync(ct);
        var zhangweiId = await db.Users.Where(u => u.UserName == "zhangwei").Select(u => (Guid?)u.Id).SingleOrDefaultAsync(ct);
        if (wangleiQuote is null || wangleiQuote.Lines.Count == 0 || zhangweiId is not { } id) return;
        var zhangwei = await services.GetRequiredService<CurrentUserLoader>().FindAsync(id, ct);
        if (zhangwei is null) return;

        var line = wangleiQuote.Lines[0];
        var opportunity = await Opportunities.OpenAsync(db, wangleiQuote.CustomerId, id, $"{line.ProductName} 询价", line.ListPrice * 10m,
            null, null, null, now, ct);
        await db.SaveChangesAsync(ct);
        var quote = await services.GetRequiredService<SaveQuoteHandler>().CreateAsync(new SaveQuoteRequest
        {
            OpportunityId = opportunity.Id,
            Lines = [new QuoteLineInput { ProductId = line.ProductId, Quantity = 10, UnitPrice = line.ListPrice.Yuan }],
        }, zhangwei, ct);
        if (quote.Value is { } created) await services.GetRequiredService<SubmitQuoteHandler>().SubmitAsync(created.Id, zhangwei, ct);
    }
}
