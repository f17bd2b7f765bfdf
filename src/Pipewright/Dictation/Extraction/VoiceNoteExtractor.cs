using System.Text.RegularExpressions;

namespace Pipewright.Dictation.Extraction;

/// <summary>
/// Reads a dictated visit note into fields, by the conventions of voice-extraction.md. Dates are found first,
/// then model codes, then names from the vocabulary (longest first), then people by surname and title, and
/// last the numbers that are left: with a measure word they are quantities of the nearest product, with 万,
/// 元 or after a money word (预算, 单价, 合同额) they are amounts.
/// </summary>
public static partial class VoiceNoteExtractor
{
    private const byte Free = 0, Taken = 1;

    private sealed record ProductMention(int Start, int End, int[] Products, bool Complete);

    private sealed record Quantity(int Start, int End, decimal Value);

    public static VoiceExtraction Extract(VoiceVocabulary vocabulary, string text, DateOnly today, IReadOnlySet<Guid>? visibleCustomers)
    {
        var norm = VoiceVocabulary.Normalize(text);
        var mask = new byte[norm.Length];

        var dates = DateRules.Find(norm, today);
        foreach (var date in dates) Mark(mask, date.Start, date.Start + date.Length);
        foreach (Match m in NotMoney().Matches(norm)) Mark(mask, m.Index, m.Index + m.Length);

        var mentions = FindModelCodes(vocabulary, norm, mask);
        var customers = new List<(int Target, int Start, int End)>();
        var competitors = new List<(int Target, int Start, int End)>();
        var contacts = new List<(string Name, int Start, int End, Guid? ContactId, Guid? CustomerId)>();
        ScanSurfaces(vocabulary, norm, mask, visibleCustomers, mentions, customers, competitors, contacts);

        var customer = customers.GroupBy(c => c.Target)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.First().Start).FirstOrDefault()?.First();
        var customerId = customer is { } found ? vocabulary.Customers[found.Target].Id : (Guid?)null;

        foreach (var (name, start, end) in FindTitledPeople(norm, mask))
        {
            if (contacts.Any(c => c.Name == name)) continue;
            contacts.Add((name, start, end, ContactOf(vocabulary, customerId, name), customerId));
        }

        var (quantities, amounts) = ReadNumbers(norm, mask);
        mentions.Sort((a, b) => a.Start.CompareTo(b.Start));
        var groups = Group(mentions, norm);
        var assigned = AssignQuantities(norm, mask, groups, quantities);

        var products = new List<ExtractedProduct>();
        foreach (var (group, index) in groups.Select((g, i) => (g, i)))
        {
            var product = vocabulary.Products[group.Products[0]];
            var quantity = assigned.TryGetValue(index, out var q) ? q : null;
            var existing = products.FindIndex(p => p.ProductId == product.Id);
            if (existing >= 0)
            {
                if (products[existing].Quantity is null && quantity is not null)
                    products[existing] = products[existing] with
                    {
                        Quantity = quantity.Value,
                        QuantityText = text[quantity.Start..quantity.End],
                        QuantityStart = quantity.Start,
                    };
                continue;
            }
            products.Add(new ExtractedProduct(product.Id, product.Model, quantity?.Value, text[group.Start..group.End], group.Start,
                quantity is null ? null : text[quantity.Start..quantity.End], quantity?.Start));
        }

        return new VoiceExtraction(
            customer is { } c ? new ExtractedCustomer(vocabulary.Customers[c.Target].Id, vocabulary.Customers[c.Target].Name, text[c.Start..c.End], c.Start) : null,
            contacts.OrderBy(x => x.Start).Select(x => new ExtractedContact(x.Name, text[x.Start..x.End], x.Start,
                x.CustomerId == customerId ? x.ContactId : null)).ToList(),
            products,
            dates.Select(d => new ExtractedDate(d.Date, text.Substring(d.Start, d.Length), d.Start)).ToList(),
            amounts.Select(a => new ExtractedAmount(a.Value, text[a.Start..a.End], a.Start)).ToList(),
            competitors.DistinctBy(x => x.Target).Select(x => new ExtractedCompetitor(vocabulary.Competitors[x.Target].Name, text[x.Start..x.End], x.Start)).ToList());
    }

    // Shares and discounts are no money: 百分之十, 8%, 三成, 九五折, 5个点.
    [GeneratedRegex("百分之[0-9零〇一二两三四五六七八九十百.点]+|[0-9零〇一二两三四五六七八九十.]+(?:%|成|折|个点|个百分点|倍)|第[0-9零〇一二两三四五六七八九十百]+")]
    private static partial Regex NotMoney();

    private static void Mark(byte[] mask, int start, int end)
    {
        for (var i = start; i < end; i++) mask[i] = Taken;
    }

    private static bool IsFree(byte[] mask, int start, int end)
    {
        for (var i = start; i < end; i++) if (mask[i] != Free) return false;
        return true;
    }

    private static bool IsSeparator(char c) => c is '-' or '_' or ' ' or '.' or '/' or '—';

    /// <summary>Model codes however they were spoken or recognised: "DXD420" = "DXD-420", "zs 2000" = "ZS2000",
    /// or a distinctive part of one (H44H, DN65). Unknown letter codes are set aside so that their digits are not
    /// read as numbers.</summary>
    private static List<ProductMention> FindModelCodes(VoiceVocabulary vocabulary, string norm, byte[] mask)
    {
        var mentions = new List<ProductMention>();
        var i = 0;
        while (i < norm.Length)
        {
            if (!char.IsAsciiLetterOrDigit(norm[i]) || mask[i] != Free || (i > 0 && char.IsAsciiLetterOrDigit(norm[i - 1])))
            {
                i++;
                continue;
            }
            var parts = new List<(int Start, int End)>();
            var j = i;
            while (j < norm.Length && mask[j] == Free)
            {
                var start = j;
                while (j < norm.Length && char.IsAsciiLetterOrDigit(norm[j]) && mask[j] == Free) j++;
                parts.Add((start, j));
                if (j + 1 < norm.Length && IsSeparator(norm[j]) && char.IsAsciiLetterOrDigit(norm[j + 1]) && mask[j + 1] == Free) j++;
                else break;
            }
            for (var a = 0; a < parts.Count;)
            {
                var matched = false;
                for (var b = parts.Count - 1; b >= a && !matched; b--)
                {
                    var key = string.Concat(parts.Skip(a).Take(b - a + 1).Select(p => norm[p.Start..p.End])).ToUpperInvariant();
                    if (!vocabulary.ModelKeys.TryGetValue(key, out var products)) continue;
                    var complete = vocabulary.FullModels.TryGetValue(key, out var full);
                    mentions.Add(new ProductMention(parts[a].Start, parts[b].End, complete ? [full] : products, complete));
                    Mark(mask, parts[a].Start, parts[b].End);
                    a = b + 1;
                    matched = true;
                }
                if (matched) continue;
                if (norm.AsSpan(parts[a].Start, parts[a].End - parts[a].Start).ContainsAnyInRange('a', 'z'))
                    Mark(mask, parts[a].Start, parts[a].End);
                a++;
            }
            i = Math.Max(j, i + 1);
        }
        return mentions;
    }

    private static void ScanSurfaces(VoiceVocabulary vocabulary, string norm, byte[] mask, IReadOnlySet<Guid>? visible,
        List<ProductMention> mentions, List<(int, int, int)> customers, List<(int, int, int)> competitors,
        List<(string, int, int, Guid?, Guid?)> contacts)
    {
        var i = 0;
        while (i < norm.Length)
        {
            var matched = 0;
            for (var length = Math.Min(vocabulary.LongestSurface, norm.Length - i); length >= 2 && matched == 0; length--)
            {
                if (!IsFree(mask, i, i + length)
                    || !vocabulary.SurfaceLookup.TryGetValue(norm.AsSpan(i, length), out var entries)) continue;
                var usable = entries.Where(e => e.Kind != VoiceVocabulary.Kind.Customer || visible is null
                    || visible.Contains(vocabulary.Customers[e.Target].Id)).ToList();
                if (usable.Any(e => e.Registered)) usable = usable.Where(e => e.Registered).ToList();
                if (usable.Count == 0) continue;
                if (usable.All(e => e.Kind == VoiceVocabulary.Kind.Product))
                {
                    mentions.Add(new ProductMention(i, i + length, usable.Select(e => e.Target).Distinct().Order().ToArray(), false));
                }
                else
                {
                    // The same words for two firms (or a firm and a person) decide nothing.
                    if (usable.Select(e => (e.Kind, e.Target)).Distinct().Count() != 1) continue;
                    var entry = usable[0];
                    switch (entry.Kind)
                    {
                        case VoiceVocabulary.Kind.Customer: customers.Add((entry.Target, i, i + length)); break;
                        case VoiceVocabulary.Kind.Competitor: competitors.Add((entry.Target, i, i + length)); break;
                        default:
                            var contact = vocabulary.Contacts[entry.Target];
                            var end = i + length + (TitleAt(norm, i + length) is { } title ? title.Length : 0);
                            contacts.Add((contact.Name, i, end, contact.Id, contact.CustomerId));
                            length = end - i;
                            break;
                    }
                }
                Mark(mask, i, i + length);
                matched = length;
            }
            i += Math.Max(matched, 1);
        }
    }

    /// <summary>Mentions next to each other that can mean one product are one mention: "DN150蝶阀",
    /// "H44H止回阀DN65规格", "DN50的球阀". A mention that still means several products names none.</summary>
    private static List<ProductMention> Group(List<ProductMention> mentions, string norm)
    {
        var groups = new List<ProductMention>();
        ProductMention? current = null;
        foreach (var mention in mentions)
        {
            if (current is not null && mention.Start - current.End <= 2
                && !norm.AsSpan(current.End, mention.Start - current.End).ContainsAny("，,。；;、和与及跟"))
            {
                var both = current.Complete ? current.Products : mention.Complete ? mention.Products
                    : current.Products.Intersect(mention.Products).ToArray();
                if (both.Length > 0 && (!current.Complete || !mention.Complete || current.Products[0] == mention.Products[0]))
                {
                    current = new ProductMention(current.Start, mention.End, both, current.Complete || mention.Complete);
                    continue;
                }
            }
            if (current is not null) groups.Add(current);
            current = mention;
        }
        if (current is not null) groups.Add(current);
        return groups.Where(g => g.Products.Length == 1).ToList();
    }

    private const string PhraseEnders = "了的左右以上吧呢啊呀等";

    /// <summary>
    /// Each quantity goes to the nearest product in its sentence (commas count as distance). A quantity that
    /// counts something else (上一条自动线, 下一批订单) is left alone: it belongs to a product only when it stands
    /// right after it, right before it, or at the end of its phrase.
    /// </summary>
    private static Dictionary<int, Quantity> AssignQuantities(string norm, byte[] mask, List<ProductMention> groups, List<Quantity> quantities)
    {
        var pairs = new List<(int Distance, int QuantityStart, int Order, int Group, Quantity Quantity)>();
        foreach (var quantity in quantities)
            for (var g = 0; g < groups.Count; g++)
            {
                var group = groups[g];
                var (from, to, before) = quantity.End <= group.Start ? (quantity.End, group.Start, 1)
                    : group.End <= quantity.Start ? (group.End, quantity.Start, 0) : (quantity.Start, quantity.Start, 0);
                var between = norm.AsSpan(from, to - from);
                if (between.ContainsAny("。！？；!?;\n")) continue;
                var next = quantity.End < norm.Length ? norm[quantity.End] : '\0';
                var endsPhrase = !VoiceVocabulary.IsChinese(next) || mask[quantity.End] != Free || PhraseEnders.Contains(next);
                var nextTo = before == 1 ? to - from <= 1 : to - from <= 4 && !between.ContainsAny("，,、");
                if (!endsPhrase && !nextTo) continue;
                var distance = to - from + 20 * (between.Count('，') + between.Count(','));
                pairs.Add((distance, quantity.Start, before, g, quantity));
            }
        var assigned = new Dictionary<int, Quantity>();
        var used = new HashSet<Quantity>();
        foreach (var pair in pairs.OrderBy(p => p.Distance).ThenBy(p => p.QuantityStart).ThenBy(p => p.Order))
        {
            if (assigned.ContainsKey(pair.Group) || used.Contains(pair.Quantity)) continue;
            assigned[pair.Group] = pair.Quantity;
            used.Add(pair.Quantity);
        }
        return assigned;
    }
}
