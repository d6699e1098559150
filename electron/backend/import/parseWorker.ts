import { parentPort, type MessagePort } from 'node:worker_threads';
import { createStaging } from '../../../db/importStaging';
import { ImportFileError } from './errors';
import { encodeRows, RecordMapper } from './mappedRows';
import { MAX_AHEAD, POSTED, STOP, TAKEN, type ParseJob, type ParseMessage } from './parseProtocol';
import { readCsvBatches } from './reader';

/**
 * The import's parse worker: reads, decodes, parses and validates a file on a thread of its own,
 * so that on a machine with two cores the main thread spends the import writing (parseThread.ts).
 * Nothing here touches the database.
 */
export interface ParseRequest {
  job: ParseJob;
  port: MessagePort;
  counters: SharedArrayBuffer;
}

parentPort?.on('message', (request: ParseRequest) => {
  void parse(request);
});

async function parse({ job, port, counters }: ParseRequest): Promise<void> {
  const state = new Int32Array(counters);
  const send = (message: ParseMessage) => {
    port.postMessage(message);
    Atomics.add(state, POSTED, 1);
    Atomics.notify(state, POSTED);
  };
  const stopped = () => Atomics.load(state, STOP) !== 0;
  // The ids seen so far, to refuse a customer's second row: here, beside the rows in file order.
  const ids = createStaging(job.stagingPath, job.sniffed.size);
  try {
    const mapper = new RecordMapper({ mapping: job.mapping, decimalComma: job.separator === ';', today: job.today }, (id, line) =>
      ids.claimId(id, line),
    );
    for await (const batch of readCsvBatches(job.path, job.sniffed, job.separator)) {
      // Too far ahead of the writes: wait (this thread has nothing else to do) until they catch up.
      for (let taken = Atomics.load(state, TAKEN); Atomics.load(state, POSTED) - taken >= MAX_AHEAD && !stopped(); taken = Atomics.load(state, TAKEN)) {
        Atomics.wait(state, TAKEN, taken, 1000);
      }
      if (stopped()) return;
      send({ rows: encodeRows(mapper.map(batch)) });
    }
    send({ end: true, sawHeader: mapper.sawHeader });
  } catch (error) {
    if (stopped()) return;
    send({
      error: {
        message: error instanceof Error ? error.message : String(error),
        line: error instanceof ImportFileError ? error.line : null,
        said: error instanceof ImportFileError ? error.said : null,
      },
    });
  } finally {
    ids.dispose();
  }
}
