/**
 * Word lists for synthetic UK-plausible data. Common names (ONS top names, surname frequency
 * lists), real town names and street-name stems; combined at random they describe nobody.
 * Phone numbers use Ofcom's drama range and e-mail the reserved example.* domains, so a generated
 * contact can never reach a real person.
 */
export const GIVEN_NAMES = [
  'Oliver', 'George', 'Harry', 'Jack', 'Jacob', 'Noah', 'Charlie', 'Thomas', 'Oscar', 'William', 'James', 'Leo', 'Alfie', 'Henry',
  'Joshua', 'Freddie', 'Archie', 'Ethan', 'Isaac', 'Alexander', 'Joseph', 'Edward', 'Samuel', 'Max', 'Daniel', 'Arthur', 'Lucas',
  'Mohammed', 'Logan', 'Theo', 'Olivia', 'Amelia', 'Isla', 'Ava', 'Emily', 'Isabella', 'Mia', 'Poppy', 'Ella', 'Lily', 'Sophie',
  'Grace', 'Evie', 'Charlotte', 'Jessica', 'Ruby', 'Sophia', 'Chloe', 'Freya', 'Daisy', 'Alice', 'Florence', 'Phoebe', 'Erin',
  'Priya', 'Aisha', 'Siobhan', 'Rhys', 'Dylan', 'Cerys', 'Callum', 'Eilidh', 'Niamh', 'Kwame', 'Zainab', 'Tomasz', 'Agnieszka',
];
export const FAMILY_NAMES = [
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson', 'Roberts', 'Robinson',
  'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall', 'Lewis', 'Harris', 'Clarke', 'Patel', 'Jackson',
  'Wood', 'Turner', 'Martin', 'Cooper', 'Hill', 'Ward', 'Morris', 'Moore', 'Clark', 'Lee', 'King', 'Baker', 'Harrison', 'Morgan',
  'Allen', 'James', 'Scott', 'Phillips', 'Watson', 'Davis', 'Parker', 'Price', 'Bennett', 'Young', 'Griffiths', 'Mitchell',
  'Kelly', 'Cook', 'Carter', 'Richardson', 'Bailey', 'Collins', 'Bell', 'Shaw', 'Murphy', 'Khan', 'Ahmed', 'Singh', "O'Brien",
  'MacDonald', 'Campbell', 'Nowak', 'Okafor', 'Begum', 'Ali',
];
export const TITLES = ['Mr', 'Mrs', 'Ms', 'Miss', 'Dr', 'Mx'];
export const STREET_STEMS = ['High', 'Station', 'Church', 'Main', 'Park', 'Victoria', 'Green', 'Manor', 'Mill', 'School', 'Queens', 'Kings', 'New', 'Grange', 'Albert', 'Windsor', 'Springfield', 'Orchard', 'Meadow', 'Chapel'];
export const STREET_KINDS = ['Street', 'Road', 'Lane', 'Avenue', 'Close', 'Drive', 'Way', 'Crescent', 'Gardens', 'Terrace'];
export const TOWNS = ['Leeds', 'Bristol', 'Norwich', 'Swansea', 'Carlisle', 'Exeter', 'Derby', 'Hull', 'Reading', 'Stockport', 'Wrexham', 'Ipswich', 'Lincoln', 'Preston', 'Luton', 'Bolton', 'Cardiff', 'Sheffield', 'Leicester', 'Gloucester'];
export const COUNTIES = ['West Yorkshire', 'Avon', 'Norfolk', 'West Glamorgan', 'Cumbria', 'Devon', 'Derbyshire', 'East Riding of Yorkshire', 'Berkshire', 'Greater Manchester', 'Lancashire', 'Suffolk', 'Lincolnshire', 'Bedfordshire'];
/** Postcode areas (the letters before the district number). */
export const POSTCODE_AREAS = ['LS', 'BS', 'NR', 'SA', 'CA', 'EX', 'DE', 'HU', 'RG', 'SK', 'LL', 'IP', 'LN', 'PR', 'LU', 'BL', 'CF', 'S', 'LE', 'GL', 'M', 'B', 'E', 'N', 'SW'];
/** Letters used in the inward code of a postcode (C I K M O V never appear there). */
export const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
/** Letters DVLA uses in registrations (I, Q and Z are not used in the random part). */
export const VRM_LETTERS = 'ABCDEFGHJKLMNOPRSTUVWXY';
export const WORDS = [
  'the', 'vehicle', 'was', 'seen', 'near', 'a', 'shop', 'door', 'window', 'left', 'by', 'rear', 'entrance', 'reported', 'at', 'time',
  'unknown', 'property', 'taken', 'from', 'garden', 'shed', 'officer', 'attended', 'no', 'further', 'action', 'witness', 'states',
  'male', 'female', 'wearing', 'dark', 'clothing', 'damage', 'to', 'fence', 'and', 'gate', 'enquiries', 'ongoing', 'with', 'local',
  'residents', 'CCTV', 'requested', 'item', 'recovered', 'later', 'same', 'day',
];
export const SEX_CODES = ['M', 'F', 'U'];
export const SDE_CODES = ['W1', 'W2', 'W3', 'W9', 'M1', 'M2', 'M3', 'M9', 'A1', 'A2', 'A3', 'A4', 'A9', 'B1', 'B2', 'B9', 'O1', 'O9', 'NS'];
