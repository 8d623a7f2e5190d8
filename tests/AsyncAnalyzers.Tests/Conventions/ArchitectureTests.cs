using System;
using System.IO;
using System.Linq;

namespace AsyncAnalyzers.Tests.Conventions
{
    /// <summary>ARCHITECTURE.md stays the map: every shared file is listed, and no source file grows past the limit.</summary>
    public sealed class ArchitectureTests
    {
        private static readonly string[] SharedFolders = { "Common", "Semantics", "Rewriting", "Cascade" };

        [Fact]
        public void Every_shared_source_file_is_listed_in_ARCHITECTURE_md()
        {
            var map = File.ReadAllText(Path.Combine(Repository.Root, "ARCHITECTURE.md"));
            var missing = Directory.EnumerateFiles(Path.Combine(Repository.Root, "src"), "*.cs", SearchOption.AllDirectories)
                .Where(f => SharedFolders.Contains(Path.GetFileName(Path.GetDirectoryName(f)), StringComparer.Ordinal))
                .Select(f => Path.GetFileName(Path.GetDirectoryName(f)) + "/" + Path.GetFileName(f))
                .Where(relative => !map.Contains("`" + relative + "`", StringComparison.Ordinal))
                .OrderBy(x => x, StringComparer.Ordinal)
                .ToList();
            Assert.True(missing.Count == 0, "not in ARCHITECTURE.md: " + string.Join(", ", missing));
        }

        [Fact]
        public void No_source_file_is_over_550_lines()
        {
            var tooLong = Directory.EnumerateFiles(Path.Combine(Repository.Root, "src"), "*.cs", SearchOption.AllDirectories)
                .Concat(Directory.EnumerateFiles(Path.Combine(Repository.Root, "tests"), "*.cs", SearchOption.AllDirectories))
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                            && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .Select(f => (Path: Path.GetRelativePath(Repository.Root, f), Lines: File.ReadLines(f).Count()))
                .Where(f => f.Lines > 550)
                .Select(f => f.Path + " (" + f.Lines + ")")
                .ToList();
            Assert.True(tooLong.Count == 0, "split by responsibility (see ARCHITECTURE.md): " + string.Join(", ", tooLong));
        }
    }
}
