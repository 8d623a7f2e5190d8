using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CodeFixes.Blocking;
using AsyncAnalyzers.Tests.Verifiers;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Blocking.BlockingIteratorAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.BlockingIteratorCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>ASYNC106: synchronous iterators doing blocking I/O per item, and their conversion to async iterators.</summary>
    [Trait("Rule", "ASYNC106")]
    public sealed partial class BlockingIteratorTests
    {
        // ---- reported, converted ----

        [Fact]
        public Task Seed_shape_file_per_item_with_an_async_consumer()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Collections.Generic;
                using System.IO;
                using System.Threading;
                using System.Threading.Tasks;

                class Pages
                {
                    // one file per page
                    private static IEnumerable<string> {|ASYNC106:Load|}(IEnumerable<string> paths)
                    {
                        foreach (var path in paths)
                        {
                            yield return File.ReadAllText(path);
                        }
                    }

                    public async Task<int> TotalAsync(string[] paths, CancellationToken token)
                    {
                        var total = 0;
                        foreach (var page in Load(paths))
                        {
                            total += page.Length;
                        }

                        await Task.Yield();
                        return total;
                    }
                }
                """,
                """
                using System.Collections.Generic;
                using System.IO;
                using System.Runtime.CompilerServices;
                using System.Threading;
                using System.Threading.Tasks;

                class Pages
                {
                    // one file per page
                    private static async IAsyncEnumerable<string> Load(IEnumerable<string> paths, [EnumeratorCancellation] CancellationToken cancellationToken = default)
                    {
                        foreach (var path in paths)
                        {
                            yield return await File.ReadAllTextAsync(path, cancellationToken);
                        }
                    }

                    public async Task<int> TotalAsync(string[] paths, CancellationToken token)
                    {
                        var total = 0;
                        await foreach (var page in Load(paths, token))
                        {
                            total += page.Length;
                        }

                        await Task.Yield();
                        return total;
                    }
                }
                """);

        [Fact]
        public Task Line_reader_without_consumers_gets_the_imports_it_needs()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Collections.Generic;
                using System.IO;

                class Log
                {
                    private IEnumerable<string> {|ASYNC106:Lines|}(StreamReader reader)
                    {
                        string? line;
                        while ((line = reader.ReadLine()) != null)
                        {
                            yield return line;
                        }
                    }
                }
                """,
                """
                using System.Collections.Generic;
                using System.IO;
                using System.Runtime.CompilerServices;
                using System.Threading;

                class Log
                {
                    private async IAsyncEnumerable<string> Lines(StreamReader reader, [EnumeratorCancellation] CancellationToken cancellationToken = default)
                    {
                        string? line;
                        while ((line = await reader.ReadLineAsync(cancellationToken)) != null)
                        {
                            yield return line;
                        }
                    }
                }
                """);


        [Fact]
        public Task Consumers_in_other_documents_become_await_foreach()
            => new CodeFixTest<BlockingIteratorAnalyzer, BlockingIteratorCodeFixProvider>
            {
                TestState =
                {
                    Sources =
                    {
                        ("/Feed.cs", """
                            using System.Collections.Generic;
                            using System.Data.Common;

                            static class Feed
                            {
                                internal static IEnumerable<string> {|ASYNC106:Names|}(DbCommand command)
                                {
                                    using var reader = command.ExecuteReader();
                                    while (reader.Read())
                                    {
                                        yield return reader.GetString(0);
                                    }
                                }
                            }
                            """),
                        ("/Report.cs", """
                            using System.Data.Common;
                            using System.Text;
                            using System.Threading;
                            using System.Threading.Tasks;

                            class Report
                            {
                                async Task<string> BuildAsync(DbCommand command, CancellationToken cancellationToken)
                                {
                                    var text = new StringBuilder();
                                    foreach (var name in Feed.Names(command))
                                    {
                                        text.AppendLine(name);
                                    }

                                    await Task.Yield();
                                    return text.ToString();
                                }
                            }
                            """),
                    },
                },
                FixedState =
                {
                    Sources =
                    {
                        ("/Feed.cs", """
                            using System.Collections.Generic;
                            using System.Data.Common;
                            using System.Runtime.CompilerServices;
                            using System.Threading;

                            static class Feed
                            {
                                internal static async IAsyncEnumerable<string> Names(DbCommand command, [EnumeratorCancellation] CancellationToken cancellationToken = default)
                                {
                                    using var reader = await command.ExecuteReaderAsync(cancellationToken);
                                    while (await reader.ReadAsync(cancellationToken))
                                    {
                                        yield return reader.GetString(0);
                                    }
                                }
                            }
                            """),
                        ("/Report.cs", """
                            using System.Data.Common;
                            using System.Text;
                            using System.Threading;
                            using System.Threading.Tasks;

                            class Report
                            {
                                async Task<string> BuildAsync(DbCommand command, CancellationToken cancellationToken)
                                {
                                    var text = new StringBuilder();
                                    await foreach (var name in Feed.Names(command, cancellationToken))
                                    {
                                        text.AppendLine(name);
                                    }

                                    await Task.Yield();
                                    return text.ToString();
                                }
                            }
                            """),
                    },
                    ExpectedDiagnostics = { },
                },
            }.RunAsync();

        [Fact]
        public Task Local_function_iterator_and_an_existing_token_parameter()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Collections.Generic;
                using System.IO;
                using System.Threading;
                using System.Threading.Tasks;

                class Sizes
                {
                    async Task<long> TotalAsync(string[] paths, CancellationToken token)
                    {
                        long total = 0;
                        foreach (var size in Read(paths, token))
                        {
                            total += size;
                        }

                        await Task.Yield();
                        return total;

                        IEnumerable<long> {|ASYNC106:Read|}(string[] files, CancellationToken cancellation)
                        {
                            foreach (var file in files)
                            {
                                yield return File.ReadAllBytes(file).Length;
                            }
                        }
                    }
                }
                """,
                """
                using System.Collections.Generic;
                using System.IO;
                using System.Runtime.CompilerServices;
                using System.Threading;
                using System.Threading.Tasks;

                class Sizes
                {
                    async Task<long> TotalAsync(string[] paths, CancellationToken token)
                    {
                        long total = 0;
                        await foreach (var size in Read(paths, token))
                        {
                            total += size;
                        }

                        await Task.Yield();
                        return total;

                        async IAsyncEnumerable<long> Read(string[] files, [EnumeratorCancellation] CancellationToken cancellation)
                        {
                            foreach (var file in files)
                            {
                                yield return (await File.ReadAllBytesAsync(file, cancellation)).Length;
                            }
                        }
                    }
                }
                """);

        // ---- reported, conversion not offered (a consumer or the contract is a boundary) ----

        private const string SyncConsumer = """
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;

            class Catalog
            {
                private static IEnumerable<string> {|ASYNC106:Load|}(string[] paths)
                {
                    foreach (var path in paths)
                    {
                        yield return File.ReadAllText(path);
                    }
                }

                public int Count(string[] paths)
                {
                    var count = 0;
                    foreach (var page in Load(paths))
                    {
                        count++;
                    }

                    return count;
                }
            }
            """;

        [Fact]
        public Task Synchronous_consumer_is_a_boundary()
            => Verify.VerifyCodeFixAsync(SyncConsumer, SyncConsumer);

        [Fact]
        public Task Linq_over_the_sequence_is_a_boundary()
        {
            var code = """
                using System.Collections.Generic;
                using System.IO;
                using System.Linq;
                using System.Threading.Tasks;

                class Catalog
                {
                    private static IEnumerable<string> {|ASYNC106:Load|}(string[] paths)
                    {
                        foreach (var path in paths)
                        {
                            yield return File.ReadAllText(path);
                        }
                    }

                    public async Task<int> CountAsync(string[] paths)
                    {
                        await Task.Yield();
                        return Load(paths).Count(p => p.Length > 0);
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(code, code);
        }

        [Fact]
        public Task Public_api_of_a_library_is_a_boundary()
        {
            var code = """
                using System.Collections.Generic;
                using System.IO;

                public class Catalog
                {
                    public IEnumerable<string> {|ASYNC106:Load|}(string[] paths)
                    {
                        foreach (var path in paths)
                        {
                            yield return File.ReadAllText(path);
                        }
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(code, code);
        }

        [Fact]
        public Task Enumerator_returning_iterator_is_reported_without_a_conversion()
        {
            var code = """
                using System.Collections.Generic;
                using System.IO;

                class Catalog
                {
                    private IEnumerator<string> {|ASYNC106:Pages|}(string[] paths)
                    {
                        foreach (var path in paths)
                        {
                            yield return File.ReadAllText(path);
                        }
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(code, code);
        }

        // Only bodies with a yield statement are looked at: the one here sits in a local function inside a lambda.
        [Fact]
        public Task Iterator_local_function_inside_a_lambda_is_reported()
            => Verify.VerifyAnalyzerAsync("""
                using System;
                using System.Collections.Generic;
                using System.IO;

                class Catalog
                {
                    string Title(string path) => File.ReadAllText(path);

                    Func<string[], IEnumerable<string>> Reader()
                    {
                        return paths =>
                        {
                            return Pages();

                            IEnumerable<string> {|ASYNC106:Pages|}()
                            {
                                foreach (var path in paths)
                                {
                                    yield return File.ReadAllText(path);
                                }
                            }
                        };
                    }
                }
                """);

        [Fact]
        public Task Iterator_local_function_in_top_level_statements_is_reported()
            => Verify.VerifyAnalyzerAsync("""
                using System.Collections.Generic;
                using System.IO;

                foreach (var page in Pages(args))
                {
                    System.Console.WriteLine(page);
                }

                IEnumerable<string> {|ASYNC106:Pages|}(string[] paths)
                {
                    foreach (var path in paths)
                    {
                        yield return File.ReadAllText(path);
                    }
                }
                """);

        [Fact]
        public Task Method_group_use_is_a_boundary()
        {
            var code = """
                using System;
                using System.Collections.Generic;
                using System.IO;

                class Catalog
                {
                    private static IEnumerable<string> {|ASYNC106:Load|}(string[] paths)
                    {
                        foreach (var path in paths)
                        {
                            yield return File.ReadAllText(path);
                        }
                    }

                    Func<string[], IEnumerable<string>> Loader() => Load;
                }
                """;
            return Verify.VerifyCodeFixAsync(code, code);
        }

        [Fact]
        public Task Fix_all_converts_every_iterator_of_the_scope()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Collections.Generic;
                using System.IO;

                class Pages
                {
                    private IEnumerable<string> {|ASYNC106:Texts|}(string[] paths)
                    {
                        foreach (var path in paths)
                        {
                            yield return File.ReadAllText(path);
                        }
                    }

                    private IEnumerable<int> {|ASYNC106:Sizes|}(string[] paths)
                    {
                        foreach (var path in paths)
                        {
                            yield return File.ReadAllBytes(path).Length;
                        }
                    }
                }
                """,
                """
                using System.Collections.Generic;
                using System.IO;
                using System.Runtime.CompilerServices;
                using System.Threading;

                class Pages
                {
                    private async IAsyncEnumerable<string> Texts(string[] paths, [EnumeratorCancellation] CancellationToken cancellationToken = default)
                    {
                        foreach (var path in paths)
                        {
                            yield return await File.ReadAllTextAsync(path, cancellationToken);
                        }
                    }

                    private async IAsyncEnumerable<int> Sizes(string[] paths, [EnumeratorCancellation] CancellationToken cancellationToken = default)
                    {
                        foreach (var path in paths)
                        {
                            yield return (await File.ReadAllBytesAsync(path, cancellationToken)).Length;
                        }
                    }
                }
                """);
    }
}
