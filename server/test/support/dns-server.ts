import { Resolver } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import dns2 from 'dns2';

/**
 * A real DNS server on 127.0.0.1 that answers each question as the test says at that moment, with no time to
 * live: an IPv4 address (`a`), so that a name can resolve to one address when it is checked and to another
 * when it is connected to, as a name made for DNS rebinding does; and TXT records (`txt`, each a record's
 * strings), as a district's domain holds the record that verifies it. A name with no answer has no record.
 */
export interface TestDnsServer {
  /** The server as DNS_SERVERS names it: `127.0.0.1:<port>`. */
  address: string;
  /** Resolves names at this server, in the shape of net.connect's `lookup` (the app's `providerLookup`). */
  lookup: LookupFunction;
  close(): Promise<void>;
}

export async function startDnsServer(answers: {
  a?: (name: string) => string;
  txt?: (name: string) => string[][];
}): Promise<TestDnsServer> {
  const { Packet } = dns2;
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const question = request.questions[0];
      if (question?.type === Packet.TYPE.A && answers.a) {
        response.answers.push(
          Packet.createResourceFromQuestion(question, { ttl: 0, address: answers.a(question.name) }),
        );
      }
      if (question?.type === Packet.TYPE.TXT && answers.txt) {
        for (const data of answers.txt(question.name)) {
          response.answers.push(Packet.createResourceFromQuestion(question, { ttl: 0, data }));
        }
      }
      void send(response);
    },
  });
  const { udp } = await server.listen({ udp: { port: 0, address: '127.0.0.1' } });
  const address = `127.0.0.1:${udp!.port}`;
  const resolver = new Resolver({ timeout: 2000, tries: 1 });
  resolver.setServers([address]);
  return {
    address,
    lookup: (hostname, options, callback) => {
      resolver.resolve4(hostname).then(
        (addresses) => {
          const found = addresses.map((address) => ({ address, family: 4 }));
          if (options.all) callback(null, found);
          else callback(null, found[0]!.address, 4);
        },
        (err: NodeJS.ErrnoException) => callback(err, ''),
      );
    },
    close: () => server.close(),
  };
}
