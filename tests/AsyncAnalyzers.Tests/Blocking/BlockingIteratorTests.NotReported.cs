using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.Tests.Verifiers;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Blocking.BlockingIteratorAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.BlockingIteratorCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>ASYNC106: what is not reported.</summary>
    public sealed partial class BlockingIteratorTests
    {
        // ---- not reported ----

        [Fact]
        public Task Iterators_without_blocking_calls_are_not_reported()
            => Verify.VerifyAnalyzerAsync("""
                using System.Collections.Generic;
                using System.Linq;

                class Numbers
                {
                    IEnumerable<int> Squares(int count)
                    {
                        for (var i = 0; i < count; i++)
                        {
                            yield return i * i;
                        }
                    }

                    IEnumerable<string> Names(IEnumerable<int> ids) => ids.Select(i => i.ToString());
                }
                """);

        [Fact]
        public Task Blocking_calls_without_a_twin_or_excluded_are_not_reported()
            => Verify.VerifyAnalyzerAsync("""
                using System.Collections.Generic;
                using System.IO;

                class Chunks
                {
                    IEnumerable<int> Sizes(MemoryStream memory, string[] paths)
                    {
                        var buffer = new byte[16];
                        yield return memory.Read(buffer, 0, buffer.Length);
                        foreach (var path in paths)
                        {
                            yield return File.Exists(path) ? 1 : 0;
                        }
                    }
                }
                """);

        [Fact]
        public Task Overrides_and_interface_implementations_are_not_reported()
            => Verify.VerifyAnalyzerAsync("""
                using System.Collections;
                using System.Collections.Generic;
                using System.IO;

                interface ISource
                {
                    IEnumerable<string> Items(string[] paths);
                }

                abstract class Base
                {
                    public abstract IEnumerable<string> Pages(string[] paths);
                }

                sealed class Files : Base, ISource, IEnumerable<string>
                {
                    public IEnumerable<string> Items(string[] paths)
                    {
                        foreach (var path in paths)
                        {
                            yield return File.ReadAllText(path);
                        }
                    }

                    public override IEnumerable<string> Pages(string[] paths)
                    {
                        foreach (var path in paths)
                        {
                            yield return File.ReadAllText(path);
                        }
                    }

                    public IEnumerator<string> GetEnumerator()
                    {
                        yield return File.ReadAllText("a.txt");
                    }

                    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
                }
                """);

        [Fact]
        public Task Async_iterators_and_non_iterators_are_not_reported()
            => Verify.VerifyAnalyzerAsync("""
                using System.Collections.Generic;
                using System.IO;
                using System.Threading.Tasks;

                class Pages
                {
                    async IAsyncEnumerable<string> LoadAsync(string[] paths)
                    {
                        foreach (var path in paths)
                        {
                            yield return await File.ReadAllTextAsync(path);
                        }
                    }

                    IEnumerable<string> LoadAll(string[] paths)
                    {
                        var pages = new List<string>();
                        foreach (var path in paths)
                        {
                            pages.Add(File.ReadAllText(path));
                        }

                        return pages;
                    }
                }
                """);

        [Fact]
        public Task Blocking_calls_inside_lambdas_of_the_iterator_are_not_reported()
            => Verify.VerifyAnalyzerAsync("""
                using System;
                using System.Collections.Generic;
                using System.IO;

                class Pages
                {
                    IEnumerable<Func<string>> Loaders(string[] paths)
                    {
                        foreach (var path in paths)
                        {
                            yield return () => File.ReadAllText(path);
                        }
                    }
                }
                """);

        [Fact]
        public Task Netstandard20_without_async_enumerables_is_not_reported()
            => new AnalyzerTest<BlockingIteratorAnalyzer>
            {
                ReferenceAssemblies = ReferenceSet.NetStandard20,
                TestCode = """
                    using System.Collections.Generic;
                    using System.IO;

                    class Pages
                    {
                        IEnumerable<string> Load(StreamReader reader)
                        {
                            string line;
                            while ((line = reader.ReadLine()) != null)
                            {
                                yield return line;
                            }
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Generated_code_is_not_reported()
            => Verify.VerifyAnalyzerAsync("""
                // <auto-generated/>
                using System.Collections.Generic;
                using System.IO;

                class Pages
                {
                    IEnumerable<string> Load(string[] paths)
                    {
                        foreach (var path in paths)
                        {
                            yield return File.ReadAllText(path);
                        }
                    }
                }
                """);


        [Fact]
        public async Task Twins_excluded_by_option_are_not_reported()
        {
            var test = new AnalyzerTest<BlockingIteratorAnalyzer>
            {
                TestCode = """
                    using System.Collections.Generic;
                    using System.IO;

                    class Pages
                    {
                        IEnumerable<string> Load(string[] paths)
                        {
                            foreach (var path in paths)
                            {
                                yield return File.ReadAllText(path);
                            }
                        }
                    }
                    """,
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\nasync_analyzers.ASYNC103.exclude_methods = M:System.IO.File.ReadAllText\n"));
            await test.RunAsync();
        }

        [Fact]
        public Task Property_iterators_are_not_reported_since_properties_cannot_be_async()
            => Verify.VerifyAnalyzerAsync("""
                using System.Collections.Generic;
                using System.IO;

                class Pages
                {
                    private readonly string[] _paths = { "a.txt" };

                    IEnumerable<string> All
                    {
                        get
                        {
                            foreach (var path in _paths)
                            {
                                yield return File.ReadAllText(path);
                            }
                        }
                    }
                }
                """);

        [Fact]
        public Task Blocking_on_an_async_call_is_ASYNC104s_business()
            => Verify.VerifyAnalyzerAsync("""
                using System.Collections.Generic;
                using System.IO;

                class Pages
                {
                    IEnumerable<string> Load(string[] paths)
                    {
                        foreach (var path in paths)
                        {
                            yield return File.ReadAllTextAsync(path).Result;
                        }
                    }
                }
                """);


        [Fact]
        public Task Iterators_with_an_async_sibling_are_deliberately_synchronous()
            => Verify.VerifyAnalyzerAsync("""
                using System.Collections.Generic;
                using System.IO;
                using System.Runtime.CompilerServices;
                using System.Threading;

                static class ReaderExtensions
                {
                    public static IEnumerable<string> ReadAllLines(this TextReader reader)
                    {
                        string? line;
                        while ((line = reader.ReadLine()) is not null)
                        {
                            yield return line;
                        }
                    }

                    public static async IAsyncEnumerable<string> ReadAllLinesAsync(this TextReader reader, [EnumeratorCancellation] CancellationToken cancellationToken = default)
                    {
                        string? line;
                        while ((line = await reader.ReadLineAsync(cancellationToken)) is not null)
                        {
                            yield return line;
                        }
                    }
                }
                """);
    }
}
