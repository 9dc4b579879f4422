/**
 * Child process of the recording benchmark: imports one recording into a
 * new project and reports the time and this process's peak memory (RSS),
 * so the figure is the import's alone.
 */
import { ProjectDb } from '../shared/db/projectDb.js';
import { importRecording } from '../shared/services/mediaService.js';

const [mediaPath, projectPath] = process.argv.slice(2) as [string, string];
const project = ProjectDb.create(projectPath);
const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
await importRecording({ project, coderName: 'Bench' }, { mediaPath });
const importMs = performance.now() - t0;
project.close();
process.stdout.write(JSON.stringify({ importMs, rssBefore, peakRss: process.resourceUsage().maxRSS * 1024 }));
