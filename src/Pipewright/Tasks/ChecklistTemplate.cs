using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pipewright.Common.Audit;
using Pipewright.Common.Data;

namespace Pipewright.Tasks;

/// <summary>
/// The matching items (匹配项) an engineer checks for one product category. Categories without a saved template
/// use <see cref="ChecklistDefaults"/>; an administrator's edit is stored and wins from then on.
/// </summary>
public sealed class ChecklistTemplate : IAudited, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Category { get; set; } = "";
    public List<string> Items { get; set; } = [];
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    public sealed class Configuration : IEntityTypeConfiguration<ChecklistTemplate>
    {
        public void Configure(EntityTypeBuilder<ChecklistTemplate> c)
        {
            c.Property(x => x.Category).HasMaxLength(TechTaskLimits.Category);
            c.HasIndex(x => x.Category).IsUnique();
            c.Property(x => x.Version).IsConcurrencyToken();
        }
    }
}

/// <summary>What a valve maker's engineers check before a quote, per category, until an administrator edits it.</summary>
public static class ChecklistDefaults
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Templates = new Dictionary<string, IReadOnlyList<string>>
    {
        ["闸阀"] = ["口径 DN 确认", "压力等级 PN/Class", "介质与温度", "连接方式/法兰标准", "阀体与密封材质", "驱动方式"],
        ["球阀"] = ["口径 DN 确认", "压力等级 PN/Class", "介质与温度", "连接方式/法兰标准", "球体与阀座材质", "浮动/固定球结构"],
        ["蝶阀"] = ["口径 DN 确认", "压力等级 PN/Class", "介质与温度", "对夹/法兰连接", "蝶板与密封材质", "执行机构"],
        ["截止阀"] = ["口径 DN 确认", "压力等级 PN/Class", "介质与温度", "连接方式/法兰标准", "阀瓣与密封材质"],
        ["止回阀"] = ["口径 DN 确认", "压力等级 PN/Class", "介质与温度", "安装方向与位置", "结构型式（旋启/升降）"],
        ["调节阀"] = ["口径 DN 确认", "压力等级 PN/Class", "介质与温度", "流量特性与 Kv 值", "执行机构与定位器", "信号与防爆等级"],
    };

    /// <summary>A category nobody prepared still gets the questions every valve needs.</summary>
    public static readonly IReadOnlyList<string> Fallback = ["口径 DN 确认", "压力等级 PN/Class", "介质与温度", "现场照片"];
}

public static class Checklists
{
    public static async Task<List<string>> ItemsForAsync(PipewrightDb db, string category, CancellationToken ct)
    {
        var saved = await db.ChecklistTemplates.AsNoTracking().Where(c => c.Category == category).Select(c => c.Items).SingleOrDefaultAsync(ct);
        return saved ?? [.. ChecklistDefaults.Templates.GetValueOrDefault(category) ?? ChecklistDefaults.Fallback];
    }
}
