using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace AsyncAnalyzers.Tests.Conventions
{
    /// <summary>
    /// The presets, the package README and the adoption docs keep up with the rules: a new rule that is missing from a
    /// preset, from the package's own README or from the migration map fails here.
    /// </summary>
    public sealed class AdoptionDocsTests
    {
        private static readonly string[] Presets = { "recommended", "strict", "none" };

        private static string PresetFile(string mode)
            => Repository.Read("src", "AsyncAnalyzers.Package", "buildTransitive", "config", "AsyncAnalyzers." + mode + ".globalconfig");

        private static string Severity(string preset, string id)
        {
            var matches = Regex.Matches(preset, $@"(?m)^dotnet_diagnostic\.{id}\.severity = (\w+)\s*$");
            Assert.True(matches.Count == 1, $"{id} is listed {matches.Count} times");
            return matches[0].Groups[1].Value;
        }

        [Theory]
        [MemberData(nameof(Repository.RuleIds), MemberType = typeof(Repository))]
        public void Every_preset_sets_every_rule(string id)
        {
            foreach (var mode in Presets)
            {
                var text = PresetFile(mode);
                Assert.Contains("is_global = true", text, StringComparison.Ordinal);
                Assert.Contains("global_level = -1", text, StringComparison.Ordinal);
                var severity = Severity(text, id);
                Assert.Contains(severity, new[] { "error", "warning", "suggestion", "silent", "none" });
                switch (mode)
                {
                    case "strict":
                        Assert.Equal("warning", severity);
                        break;
                    case "none":
                        Assert.Equal(id == DiagnosticIds.InvalidConfiguration ? "warning" : "none", severity);
                        break;
                }
            }
        }

        [Fact]
        public void Presets_list_no_unknown_rule()
        {
            var known = Repository.Descriptors.Select(d => d.Id).ToHashSet();
            foreach (var mode in Presets)
            {
                foreach (Match match in Regex.Matches(PresetFile(mode), @"(?m)^dotnet_diagnostic\.(\w+)\.severity"))
                {
                    Assert.Contains(match.Groups[1].Value, known);
                }
            }
        }

        [Fact]
        public void Recommended_is_the_default_with_sync_over_async_raised()
        {
            var text = PresetFile("recommended");
            foreach (var descriptor in Repository.Descriptors)
            {
                var expected = descriptor.Id == DiagnosticIds.SyncOverAsync ? "warning"
                    : !descriptor.IsEnabledByDefault ? "none"
                    : descriptor.DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Info ? "suggestion" : "warning";
                Assert.Equal(expected, Severity(text, descriptor.Id));
            }
        }

        [Fact]
        public void The_package_targets_ship_every_preset_file_they_name()
        {
            var targets = Repository.Read("src", "AsyncAnalyzers.Package", "buildTransitive", "AsyncAnalyzers.targets");
            foreach (var mode in Presets)
            {
                Assert.Contains($">{mode}</_AsyncAnalyzersModeFile>", targets, StringComparison.Ordinal);
            }

            Assert.Contains("config/AsyncAnalyzers.$(_AsyncAnalyzersModeFile).globalconfig", targets, StringComparison.Ordinal);
        }

        [Theory]
        [MemberData(nameof(Repository.RuleIds), MemberType = typeof(Repository))]
        public void Package_readme_has_a_row_with_an_absolute_link(string id)
        {
            var readme = Repository.Read("src", "AsyncAnalyzers.Package", "README.md");
            Assert.Matches(new Regex($@"(?m)^\| {id} \|.*\(https://github\.com/AsyncAnalyzers/AsyncAnalyzers/blob/main/rules/{id}\.md\) \|$"), readme);
        }

        [Fact]
        public void Package_readme_links_are_absolute_and_name_the_adoption_docs()
        {
            var readme = Repository.Read("src", "AsyncAnalyzers.Package", "README.md");
            foreach (Match link in Regex.Matches(readme, @"\]\(([^)]+)\)"))
            {
                Assert.StartsWith("https://", link.Groups[1].Value, StringComparison.Ordinal);
            }

            foreach (var doc in new[] { "docs/editors.md", "docs/ci.md", "docs/migrating.md", "docs/presets-and-baseline.md" })
            {
                Assert.Contains(doc, readme, StringComparison.Ordinal);
                Assert.True(File.Exists(Path.Combine(Repository.Root, doc)), doc + " is missing");
            }

            Assert.Contains("<IncludeAssets>runtime; build; native; contentfiles; analyzers; buildtransitive</IncludeAssets>", readme, StringComparison.Ordinal);
            Assert.Contains("AsyncAnalyzersMode", readme, StringComparison.Ordinal);
            Assert.Contains("AsyncAnalyzersUpdateBaseline", readme, StringComparison.Ordinal);
        }

        [Fact]
        public void The_package_packs_its_own_readme()
        {
            var project = Repository.Read("src", "AsyncAnalyzers.Package", "AsyncAnalyzers.Package.csproj");
            Assert.Contains("<None Include=\"README.md\" Pack=\"true\"", project, StringComparison.Ordinal);
        }

        [Theory]
        [MemberData(nameof(Repository.RuleIds), MemberType = typeof(Repository))]
        public void Migration_map_has_a_row_for_every_rule(string id)
            => Assert.Matches(new Regex($@"(?m)^\| {id}[ ,]"), Repository.Read("docs", "migrating.md"));

        [Fact]
        public void Migration_snippet_turns_off_only_peer_rules_the_map_names()
        {
            var text = Repository.Read("docs", "migrating.md");
            var map = text.Substring(0, text.IndexOf("## Turn the overlapping peer rules off", StringComparison.Ordinal));
            var snippets = Regex.Matches(text, @"(?m)^dotnet_diagnostic\.(\w+)\.severity = none$").Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(snippets);
            foreach (var id in snippets)
            {
                Assert.DoesNotContain("ASYNC", id, StringComparison.Ordinal);
                Assert.Contains(id, map, StringComparison.Ordinal);
            }
        }

        [Fact]
        public void Editor_and_ci_docs_cover_the_hosts_and_the_info_rules()
        {
            var editors = Repository.Read("docs", "editors.md");
            foreach (var host in new[] { "Visual Studio", "Rider", "VS Code", "csharp-ls", "csharp.analyzersEnabled", "dotnet format" })
            {
                Assert.Contains(host, editors, StringComparison.Ordinal);
            }

            var ci = Repository.Read("docs", "ci.md");
            foreach (var topic in new[] { "GitHub Actions", "Azure Pipelines", "upload-sarif", "-warnaserror", "--severity info", "category-Blocking" })
            {
                Assert.Contains(topic, ci, StringComparison.Ordinal);
            }

            // Every Info rule is named where the docs explain that --severity warn does not touch it.
            foreach (var info in Repository.Descriptors.Where(d => d.DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Info))
            {
                Assert.Contains(info.Id, editors, StringComparison.Ordinal);
                Assert.Contains(info.Id, ci, StringComparison.Ordinal);
            }
        }

        [Fact]
        public void Repository_readme_links_the_adoption_docs()
        {
            var readme = Repository.Read("README.md");
            foreach (var doc in new[] { "docs/editors.md", "docs/ci.md", "docs/migrating.md", "docs/presets-and-baseline.md" })
            {
                Assert.Contains("(" + doc + ")", readme, StringComparison.Ordinal);
            }
        }

        [Theory]
        [MemberData(nameof(Repository.RuleIds), MemberType = typeof(Repository))]
        public void Both_readmes_show_the_peer_rules_each_rule_covers_as_the_migration_map_says(string id)
        {
            var map = Repository.Read("docs", "migrating.md").Split('\n').SingleOrDefault(l => l.StartsWith("| " + id + " ", StringComparison.Ordinal));
            Assert.True(map != null, "docs/migrating.md has no row for " + id);
            var expected = PeerIds(map!.Split('|')[2]);
            foreach (var file in new[] { Path.Combine("README.md"), Path.Combine("src", "AsyncAnalyzers.Package", "README.md") })
            {
                var row = Repository.Read(file).Split('\n').Single(l => l.StartsWith("| " + id + " |", StringComparison.Ordinal));
                var cells = row.Split(" | ");
                var shown = PeerIds(cells[cells.Length - 2]);
                Assert.True(expected.SequenceEqual(shown), $"{file}: {id} covers [{string.Join(", ", shown)}], the migration map says [{string.Join(", ", expected)}]");
            }
        }

        private static string[] PeerIds(string cell)
            => Regex.Matches(cell, @"\b(VSTHRD\d+|MA\d{4}|CA\d{4}|AsyncFixer\d+|S\d{4}|RCS\d{4}|CS\d{4})\b")
                .Select(m => m.Value).Distinct().OrderBy(v => v, StringComparer.Ordinal).ToArray();
    }
}
