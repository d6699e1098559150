// One file per area of the console: each area's strings change without touching another's.
import common from './common.json';
import care from './care.json';
import issues from './issues.json';
import feedback from './feedback.json';
import board from './board.json';
import outreach from './outreach.json';
import getStarted from './getStarted.json';
import playbook from './playbook.json';
import firstRun from './firstRun.json';
import shell from './shell.json';
import trends from './trends.json';
import exportFiles from './exports.json';
import errors from './errors.json';
import call from './call.json';
import content from './content.json';
import queue from './queue.json';
import card from './card.json';
import components from './components.json';
import admin from './admin.json';
import keepInTouch from './keepInTouch.json';
import why from './why.json';

export const en = { ...common, ...care, ...issues, ...feedback, ...board, ...outreach, ...getStarted, ...playbook, ...firstRun, ...shell, ...trends, ...exportFiles, ...errors, ...call, ...content, ...queue, ...card, ...components, ...admin, ...keepInTouch, ...why };
