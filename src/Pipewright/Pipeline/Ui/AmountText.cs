using System.Globalization;
using Pipewright.Common.Localization;

namespace Pipewright.Pipeline.Ui;

/// <summary>Amounts as a Chinese sales team reads them: ¥12.5万 from ten thousand yuan up, else ¥8,600.</summary>
public static class AmountText
{
    public static string Of(decimal yuan, Strings l) =>
        Math.Abs(yuan) >= 10_000m
            ? l["kanban.amount.wan", (yuan / 10_000m).ToString("0.##", CultureInfo.InvariantCulture)].Value
            : l["kanban.amount.yuan", yuan.ToString("#,0.##", CultureInfo.InvariantCulture)].Value;
}
