using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace AsyncAnalyzers.Benchmarks
{
    /// <summary>
    /// Deterministic generator of realistic async C#: services, repositories, HTTP/stream/database-like calls, iterators,
    /// lambdas and LINQ, with a sprinkling of every anti-pattern the package reports. The output compiles against the
    /// net8.0 reference assemblies without errors. Same seed and sizes, same text, byte for byte.
    /// </summary>
    public sealed class CorpusGenerator
    {
        private readonly Random _random;
        private readonly double _antiPatternRate;
        private int _counter;

        public CorpusGenerator(int seed = 42, double antiPatternRate = 0.12)
        {
            _random = new Random(seed);
            _antiPatternRate = antiPatternRate;
        }

        /// <summary>Files of about <paramref name="linesPerFile"/> lines until <paramref name="totalLines"/> is reached.</summary>
        public List<(string Name, string Text)> Generate(int totalLines, int linesPerFile)
        {
            var files = new List<(string, string)>();
            var written = 0;
            var index = 0;
            while (written < totalLines)
            {
                var target = Math.Min(linesPerFile, Math.Max(60, totalLines - written));
                var text = GenerateFile(index, target);
                written += CountLines(text);
                files.Add(($"Generated{index.ToString("D4", CultureInfo.InvariantCulture)}.cs", text));
                index++;
            }

            return files;
        }

        public static int CountLines(string text)
        {
            var lines = 1;
            foreach (var c in text)
            {
                if (c == '\n')
                {
                    lines++;
                }
            }

            return lines;
        }

        private string GenerateFile(int index, int targetLines)
        {
            var builder = new StringBuilder();
            builder.Append("""
                using System;
                using System.Collections.Generic;
                using System.IO;
                using System.Linq;
                using System.Net.Http;
                using System.Runtime.CompilerServices;
                using System.Text;
                using System.Threading;
                using System.Threading.Tasks;

                """);
            builder.Append("namespace Corpus.Module").Append(index.ToString(CultureInfo.InvariantCulture)).Append('\n').Append("{\n");
            while (CountLines(builder.ToString()) < targetLines - 4)
            {
                AppendClass(builder);
            }

            builder.Append("}\n");
            return builder.ToString();
        }

        private void AppendClass(StringBuilder builder)
        {
            var id = Next();
            builder.Append($$"""
                    public sealed record Item{{id}}(int Id, string Name, decimal Price);

                    public sealed class Service{{id}} : IDisposable
                    {
                        private readonly HttpClient _http = new HttpClient();
                        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                        private readonly Dictionary<int, Item{{id}}> _cache = new Dictionary<int, Item{{id}}>();
                        private readonly object _sync = new object();
                        private int _hits;

                        public void Dispose()
                        {
                            _http.Dispose();
                            _gate.Dispose();
                        }


                """);
            var members = 3 + _random.Next(5);
            for (var i = 0; i < members; i++)
            {
                AppendMember(builder, id);
            }

            builder.Append("    }\n\n");
        }

        private void AppendMember(StringBuilder builder, int id)
        {
            var m = Next();
            var anti = _random.NextDouble() < _antiPatternRate;
            switch (_random.Next(anti ? 12 : 8))
            {
                case 0:
                    builder.Append($$"""
                                public async Task<Item{{id}}?> Load{{m}}Async(int key, CancellationToken cancellationToken)
                                {
                                    if (_cache.TryGetValue(key, out var cached))
                                    {
                                        Interlocked.Increment(ref _hits);
                                        return cached;
                                    }

                                    await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                                    try
                                    {
                                        using var response = await _http.GetAsync("https://localhost/items/" + key, cancellationToken).ConfigureAwait(false);
                                        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                                        var item = new Item{{id}}(key, body.Trim(), body.Length);
                                        _cache[key] = item;
                                        return item;
                                    }
                                    finally
                                    {
                                        _gate.Release();
                                    }
                                }


                        """);
                    break;
                case 1:
                    builder.Append($$"""
                                public async Task<int> Copy{{m}}Async(Stream source, Stream destination, CancellationToken cancellationToken)
                                {
                                    var buffer = new byte[4096];
                                    var total = 0;
                                    int read;
                                    while ((read = await source.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
                                    {
                                        await destination.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                                        total += read;
                                    }

                                    await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
                                    return total;
                                }


                        """);
                    break;
                case 2:
                    builder.Append($$"""
                                public async IAsyncEnumerable<string> Lines{{m}}Async(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
                                {
                                    using var reader = new StreamReader(path);
                                    string? line;
                                    while ((line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false)) != null)
                                    {
                                        if (line.Length == 0 || line[0] == '#')
                                        {
                                            continue;
                                        }

                                        yield return line.Trim();
                                    }
                                }


                        """);
                    break;
                case 3:
                    builder.Append($$"""
                                public async Task<decimal> Total{{m}}Async(IReadOnlyList<int> keys, CancellationToken cancellationToken)
                                {
                                    var lookups = keys.Select(key => Task.Run(() => key * 1.5m, cancellationToken)).ToArray();
                                    var prices = await Task.WhenAll(lookups).ConfigureAwait(false);
                                    var total = 0m;
                                    foreach (var lookup in lookups)
                                    {
                                        total += lookup.Result;
                                    }

                                    return total + prices.Sum();
                                }


                        """);
                    break;
                case 4:
                    builder.Append($$"""
                                public string Describe{{m}}(IEnumerable<Item{{id}}> items)
                                {
                                    var builder = new StringBuilder();
                                    foreach (var item in items.Where(i => i.Price > 0).OrderBy(i => i.Name))
                                    {
                                        builder.Append(item.Id).Append(": ").Append(item.Name).Append(" = ").Append(item.Price.ToString("F2")).AppendLine();
                                    }

                                    lock (_sync)
                                    {
                                        _hits++;
                                    }

                                    return builder.ToString();
                                }


                        """);
                    break;
                case 5:
                    builder.Append($$"""
                                public async Task Save{{m}}Async(string path, IEnumerable<Item{{id}}> items, CancellationToken cancellationToken)
                                {
                                    var lines = items.Select(i => $"{i.Id};{i.Name};{i.Price}").ToList();
                                    await File.WriteAllLinesAsync(path, lines, cancellationToken).ConfigureAwait(false);
                                    Func<Item{{id}}, Task> audit = async item =>
                                    {
                                        await Task.Delay(1, cancellationToken).ConfigureAwait(false);
                                        Interlocked.Add(ref _hits, item.Id);
                                    };
                                    foreach (var item in items)
                                    {
                                        await audit(item).ConfigureAwait(false);
                                    }
                                }


                        """);
                    break;
                case 6:
                    builder.Append($$"""
                                public Task<int> Count{{m}}Async(IEnumerable<Item{{id}}> items)
                                {
                                    var count = items.Count(i => i.Name.Length > 3);
                                    return Task.FromResult(count);
                                }

                                public static int Checksum{{m}}(ReadOnlySpan<byte> data)
                                {
                                    var sum = 0;
                                    for (var i = 0; i < data.Length; i++)
                                    {
                                        sum = unchecked(sum * 31 + data[i]);
                                    }

                                    return sum;
                                }


                        """);
                    break;
                case 7:
                    builder.Append($$"""
                                public async Task<bool> TryPing{{m}}Async(CancellationToken cancellationToken)
                                {
                                    try
                                    {
                                        using var response = await _http.GetAsync("https://localhost/ping", cancellationToken).ConfigureAwait(false);
                                        return response.IsSuccessStatusCode;
                                    }
                                    catch (HttpRequestException)
                                    {
                                        return false;
                                    }
                                }


                        """);
                    break;

                // Anti-patterns, one or two per template.
                case 8:
                    builder.Append($$"""
                                public async Task Poll{{m}}Async(Func<Task<bool>> ready, CancellationToken cancellationToken)
                                {
                                    while (!await ready().ConfigureAwait(false))
                                    {
                                        Thread.Sleep(50);
                                    }

                                    var text = File.ReadAllText("state.txt");
                                    _ = text.Length;
                                }


                        """);
                    break;
                case 9:
                    builder.Append($$"""
                                public int Count{{m}}(string table)
                                {
                                    return CountRows{{m}}Async(table).Result;
                                }

                                private async Task<int> CountRows{{m}}Async(string table)
                                {
                                    await Task.Delay(1).ConfigureAwait(false);
                                    return table.Length;
                                }

                                public void Refresh{{m}}()
                                {
                                    Task.Run(() => _cache.Clear());
                                }


                        """);
                    break;
                case 10:
                    builder.Append($$"""
                                public async void Reload{{m}}(List<int> keys)
                                {
                                    keys.ForEach(async key => await Task.Delay(key).ConfigureAwait(false));
                                    await Task.Factory.StartNew(async () => await Task.Delay(1).ConfigureAwait(false));
                                }

                                public async Task<int> Fetch{{m}}Async(int[] keys)
                                {
                                    var pending = keys.Select(key => Task.FromResult(key * 2));
                                    await Task.WhenAll(pending).ConfigureAwait(false);
                                    return pending.Count();
                                }


                        """);
                    break;
                default:
                    builder.Append($$"""
                                public async Task<string> Read{{m}}Async(string path, CancellationToken cancellationToken)
                                {
                                    try
                                    {
                                        await Task.Delay(1).ConfigureAwait(false);
                                        using var reader = new StreamReader(path);
                                        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                                    }
                                    catch (Exception ex)
                                    {
                                        return ex.Message;
                                    }
                                }

                                public async IAsyncEnumerable<int> Numbers{{m}}()
                                {
                                    for (var i = 0; i < 3; i++)
                                    {
                                        await Task.Yield();
                                        yield return i;
                                    }
                                }

                                public async Task Export{{m}}Async(string path, CancellationToken cancellationToken)
                                {
                                    using var writer = new StreamWriter(path);
                                    var first = Numbers{{m}}().GetAsyncEnumerator(cancellationToken);
                                    if (await first.MoveNextAsync().ConfigureAwait(false))
                                    {
                                        await writer.WriteLineAsync(first.Current.ToString()).ConfigureAwait(false);
                                    }

                                    await Task.WhenAny(File.ReadAllTextAsync(path), Task.Delay(100)).ConfigureAwait(false);
                                    using var client = new HttpClient();
                                    await writer.WriteLineAsync(await client.GetStringAsync("https://localhost/" + path, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
                                }

                                private Task Skip{{m}}(bool dirty) => dirty ? Task.Delay(1) : null!;

                                private readonly TaskCompletionSource<int> _signal{{m}} = new TaskCompletionSource<int>();

                                private Func<Task>? _hook{{m}};

                                private int _hits{{m}};

                                public async Task Mirror{{m}}Async(HttpClient client, List<string> urls)
                                {
                                    foreach (var url in urls)
                                    {
                                        await client.GetStringAsync(url);
                                    }
                                }

                                public async Task<int> Hits{{m}}Async() => _hits{{m}};

                                public async Task Touch{{m}}Async()
                                {
                                    _hits{{m}} = Environment.TickCount;
                                }

                                public async Task Notify{{m}}Async()
                                {
                                    await _hook{{m}}?.Invoke()!;
                                    _signal{{m}}.TrySetResult(1);
                                }

                                private IEnumerable<string> Rows{{m}}(StreamReader reader)
                                {
                                    string? line;
                                    while ((line = reader.ReadLine()) != null)
                                    {
                                        yield return line;
                                    }
                                }


                        """);
                    break;
            }
        }

        private int Next() => ++_counter;
    }
}
